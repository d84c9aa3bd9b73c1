"""Entry point: builds Clipscope Mini PrefixLM end to end: data, PrefixLM training, ONNX export in the Florence-2
layout with a merged KV-cache decoder, int8 variants, tokenizer check, ONNX decode check (fp32 and int8),
evaluation on a fresh test set, model card, reference fixture.

    /usr/bin/python3 tools/models/prefixlm/make_prefixlm.py [--steps N] [--batch N]    (npm run models:prefixlm)
    ... --reuse        skip training and load the checkpoint in the work folder
"""
import argparse
import json
import os
import sys
import time

# Spinning OpenMP threads waste the shared CPU; must be set before torch loads its OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
import checks  # noqa: E402
import scenes  # noqa: E402
from card import write_card  # noqa: E402
from evaluate import evaluate  # noqa: E402
from export import export_all  # noqa: E402
from fixture import write_fixture  # noqa: E402
from hub_config import generation_config, image_preprocessor_config, model_config  # noqa: E402
from hub_files import write_json  # noqa: E402
from model import PrefixLM, PrefixLMConfig  # noqa: E402
from texts import vocabulary_words  # noqa: E402
from train import train  # noqa: E402
from word_tokenizer import WordTokenizer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SEED = 0
TEST_SEED = 2026


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=3600)
    parser.add_argument("--minutes", type=float, default=29.0, help="training time budget (wall clock)")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--train-images", type=int, default=20000)
    parser.add_argument("--test-images", type=int, default=120, help="per test kind (four kinds)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="load the trained checkpoint instead of training")
    parser.add_argument("--out", default=os.path.join(ROOT, "public/models/clipscope-mini-prefixlm"))
    parser.add_argument("--fixture", default=os.path.join(ROOT, "tests/fixtures/prefixlm"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".models/prefixlm-work"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    started = time.time()
    tokenizer = WordTokenizer(vocabulary_words())
    start_id = tokenizer.bos_id
    cfg = PrefixLMConfig(len(tokenizer.vocab))
    model = PrefixLM(cfg)
    checkpoint = os.path.join(args.work, "model.pt")
    training_path = os.path.join(args.work, "training.json")
    if args.reuse:
        model.load_state_dict(torch.load(checkpoint))
        model.eval()
        training = json.load(open(training_path))
    else:
        images, metas = scenes.load("train", SEED, args.train_images, args.work)
        data_seconds = time.time() - started
        train_seconds, steps, loss = train(model, tokenizer, images, metas, args.steps, args.batch, SEED, start_id,
                                           args.minutes * 60)
        torch.save(model.state_dict(), checkpoint)
        training = {"steps": steps, "max_steps": args.steps, "budget_minutes": args.minutes, "final_loss": loss,
                    "batch": args.batch, "train_images": args.train_images, "seed": SEED,
                    "threads": args.threads, "data_seconds": round(data_seconds), "train_seconds": round(train_seconds),
                    "parameters": sum(p.numel() for p in model.parameters())}
        write_json(training_path, training)

    onnx_dir = os.path.join(args.out, "onnx")
    export_all(model, onnx_dir, os.path.join(args.work, "onnx-parts"))
    write_json(os.path.join(args.out, "generation_config.json"), generation_config(tokenizer, start_id))
    write_json(os.path.join(args.out, "preprocessor_config.json"), image_preprocessor_config(cfg.image_size))
    write_json(os.path.join(args.out, "tokenizer.json"), tokenizer.tokenizer_json())
    write_json(os.path.join(args.out, "tokenizer_config.json"), tokenizer.tokenizer_config_json(cfg.max_positions))
    write_json(os.path.join(args.out, "config.json"), model_config(cfg, tokenizer, start_id, "fp32"))
    checks.check_tokenizer(tokenizer, args.out, args.work, ROOT)

    reference = write_fixture(model, tokenizer, start_id, args.fixture)
    decode_report = checks.check_onnx_decode(model, args.out, args.fixture, reference, args.work, ROOT)
    results = evaluate(model, tokenizer, start_id, args.work, TEST_SEED, args.test_images)
    default_dtype, fixture_scores = checks.choose_dtype(tokenizer, reference, decode_report)
    decode_report["fixture_accuracy"] = fixture_scores
    write_json(os.path.join(args.out, "config.json"), model_config(cfg, tokenizer, start_id, default_dtype))
    write_json(os.path.join(args.work, "eval.json"), results)
    write_card(args.out, cfg, training, results, decode_report, default_dtype)
    print(f"done in {time.time() - started:.0f} s; default dtype {default_dtype}")


if __name__ == "__main__":
    main()
