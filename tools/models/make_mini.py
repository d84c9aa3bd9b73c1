"""Entry point: builds Clipscope Mini end to end (data, contrastive training, ONNX export in the Hub layout,
int8 variant, tokenizer check, fixtures, evaluation with onnxruntime, model card).

    /usr/bin/python3 tools/models/make_mini.py [--steps N] [--out DIR]    (npm run models:mini)
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
import mini_dataset  # noqa: E402
from captions import caption, vocabulary_words  # noqa: E402
from clip_model import Clip, ClipConfig, ConvConfig, TextConfig  # noqa: E402
from hub_files import export_onnx, preprocessor_config, write_json  # noqa: E402
from mini_card import write_card  # noqa: E402
from mini_tokenizer import MiniTokenizer  # noqa: E402
from mini_train import train  # noqa: E402
from quantize import quantise  # noqa: E402
from shapes_data import HELD_OUT, render  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = 0
TEST_SEED = 2026
IMAGE_SIZE = mini_dataset.IMAGE_SIZE
CONTEXT_LENGTH = 32
EMBED_DIM = 128
FIXTURE_SIZE = 128
FIXTURES = [("red", "circle"), ("green", "square"), ("blue", "star"), ("yellow", "triangle"),
            ("purple", "hexagon"), ("orange", "cross"), ("black", "circle"), ("white", "square"),
            ("red", "star"), ("blue", "triangle")]  # the last two are held-out pairs


def mini_config(vocab_size):
    return ClipConfig(EMBED_DIM, ConvConfig(IMAGE_SIZE, (32, 64, 128, 128)),
                      TextConfig(vocab_size, CONTEXT_LENGTH, 128, 3, 4, "gelu"))


def hub_config(cfg: ClipConfig, logit_scale):
    return {
        "architectures": ["CLIPModel"],
        "model_type": "clip",
        "projection_dim": cfg.embed_dim,
        # Hugging Face's field is the value *before* training (ln 1/0.07); the trained one follows below.
        "logit_scale_init_value": math.log(1 / 0.07),
        "clipscope": {"logit_scale": round(logit_scale, 4), "held_out_pairs": [" ".join(p) for p in HELD_OUT],
                      "architecture": cfg.to_dict()},
        "text_config": {"vocab_size": cfg.text.vocab_size, "max_position_embeddings": cfg.text.context_length,
                        "hidden_size": cfg.text.width, "num_hidden_layers": cfg.text.layers,
                        "num_attention_heads": cfg.text.heads, "hidden_act": cfg.text.activation,
                        "eos_token_id": cfg.text.vocab_size - 1},
        "vision_config": {"image_size": IMAGE_SIZE, "hidden_size": cfg.vision.widths[-1], "model": "convnet"},
    }


def check_tokenizer(tokenizer, out_dir, work_dir):
    rng = random.Random(SEED + 1)
    images, metas = mini_dataset.load("train", SEED, 2000, work_dir)
    texts = sorted({caption(m, rng) for m in metas for _ in range(3)} | {"a photo of a zebra.", "ÜNKNOWN wörds!"})
    cases = [{"text": t, "ids": tokenizer.encode(t)} for t in texts]
    write_json(os.path.join(work_dir, "tokenizer-cases.json"), cases)
    subprocess.run(["npx", "tsx", "tools/models/check-tokenizer.ts", out_dir, os.path.join(work_dir, "tokenizer-cases.json")],
                   cwd=ROOT, check=True)


def write_fixtures(directory):
    from PIL import Image
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(TEST_SEED + 1)
    for colour, shape in FIXTURES:
        pixels, _ = render([(colour, shape)], FIXTURE_SIZE, rng)
        Image.fromarray(pixels).save(os.path.join(directory, f"{colour}-{shape}.png"), optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--train-images", type=int, default=100_000)
    parser.add_argument("--test-images", type=int, default=4800)
    parser.add_argument("--out", default=os.path.join(ROOT, "public/models/clipscope-mini"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".models/mini-work"))
    parser.add_argument("--card-only", action="store_true", help="rewrite the model card from the work folder")
    args = parser.parse_args()
    if args.card_only:
        return write_card_from(args.out, args.work)
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(SEED)
    started = time.time()

    images, metas = mini_dataset.load("train", SEED, args.train_images, args.work)
    test = mini_dataset.load("test", TEST_SEED, args.test_images, args.work)
    tokenizer = MiniTokenizer(vocabulary_words(), CONTEXT_LENGTH)
    cfg = mini_config(len(tokenizer.vocab))
    model = Clip(cfg)
    data_seconds = time.time() - started
    train_seconds = train(model, tokenizer, images, metas, args.steps, args.batch, SEED,
                          val=(test[0][:960], test[1][:960]))

    onnx_dir = os.path.join(args.out, "onnx")
    text_path, vision_path = export_onnx(model, onnx_dir, IMAGE_SIZE)
    for path in (text_path, vision_path):
        quantise(path, path.replace(".onnx", "_quantized.onnx"))
    logit_scale = float(model.logit_scale.exp())
    write_json(os.path.join(args.out, "config.json"), hub_config(cfg, logit_scale))
    write_json(os.path.join(args.out, "preprocessor_config.json"), preprocessor_config(IMAGE_SIZE))
    write_json(os.path.join(args.out, "tokenizer.json"), tokenizer.tokenizer_json())
    write_json(os.path.join(args.out, "tokenizer_config.json"), tokenizer.tokenizer_config_json())
    check_tokenizer(tokenizer, args.out, args.work)
    write_fixtures(os.path.join(ROOT, "e2e/fixtures"))

    test_dir = os.path.join(args.work, "test-set")
    os.makedirs(test_dir, exist_ok=True)
    test[0].tofile(os.path.join(test_dir, "images.u8"))
    write_json(os.path.join(test_dir, "labels.json"),
               {"size": IMAGE_SIZE, "labels": [" ".join(m["objects"][0]) for m in test[1]]})
    total_seconds = time.time() - started
    training = {"steps": args.steps, "batch": args.batch, "train_images": args.train_images, "seed": SEED,
                "data_seconds": round(data_seconds), "train_seconds": round(train_seconds),
                "total_seconds": round(total_seconds), "logit_scale": logit_scale}
    write_json(os.path.join(args.work, "training.json"), training)
    subprocess.run(["npx", "tsx", "tools/models/eval-mini.ts", args.out, test_dir,
                    os.path.join(args.work, "eval.json")], cwd=ROOT, check=True)
    subprocess.run(["npx", "tsx", "tools/models/browser/measure-browser.ts", args.out, "--json",
                    os.path.join(args.work, "browser.json")], cwd=ROOT, check=True)
    write_card_from(args.out, args.work)


def write_card_from(out_dir, work_dir):
    def read(name):
        return json.load(open(os.path.join(work_dir, name)))
    write_card(out_dir, read("training.json"), read("eval.json"), read("browser.json"))


if __name__ == "__main__":
    main()
