"""Entry point: writes architecture-exact twins of openai/clip-vit-base-patch32 with random weights (fixed seed)
in the Hub layout, for benchmarks and download tests, and checks onnxruntime against torch.

    /usr/bin/python3 tools/models/make_twins.py [--root DIR]    (npm run models:twins)

Output: <root>/Xenova/clip-vit-base-patch32/{config.json, preprocessor_config.json, tokenizer*.json,
onnx/text_model.onnx, onnx/vision_model.onnx, onnx/model.onnx (both towers, for transformers.js's pipeline),
onnx/*_quantized.onnx}; <root> defaults to .models/hub.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from clip_model import Clip, ClipConfig, TextConfig, VisionConfig  # noqa: E402
from hub_files import export_full_onnx, export_onnx, preprocessor_config, write_json  # noqa: E402
from quantize import quantise  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_TOKENIZER = os.path.join(ROOT, "tools", "models", "openai-clip-tokenizer")
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt"]
REPO = "Xenova/clip-vit-base-patch32"
SEED = 32
TOLERANCE = 1e-4
OPENAI_LOGIT_SCALE = 100.0
VIT_B32 = ClipConfig(512, VisionConfig(224, 32, 768, 12, 12), TextConfig(49408, 77, 512, 12, 8, "quick_gelu"))


def hub_config(cfg: ClipConfig):
    v, t = cfg.vision, cfg.text
    return {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": cfg.embed_dim,
        "logit_scale_init_value": 2.6592,
        "clipscope": {"logit_scale": OPENAI_LOGIT_SCALE, "twin_of": "openai/clip-vit-base-patch32",
                      "note": "random weights with the architecture and compute of ViT-B/32; for speed only"},
        "text_config": {"model_type": "clip_text_model", "vocab_size": t.vocab_size, "hidden_size": t.width,
                        "intermediate_size": 4 * t.width, "num_hidden_layers": t.layers,
                        "num_attention_heads": t.heads, "max_position_embeddings": t.context_length,
                        "hidden_act": "quick_gelu", "bos_token_id": 49406, "eos_token_id": 49407,
                        "pad_token_id": 1, "projection_dim": cfg.embed_dim},
        "vision_config": {"model_type": "clip_vision_model", "hidden_size": v.width, "intermediate_size": 4 * v.width,
                          "num_hidden_layers": v.layers, "num_attention_heads": v.heads, "image_size": v.image_size,
                          "patch_size": v.patch_size, "hidden_act": "quick_gelu", "projection_dim": cfg.embed_dim},
    }


def parity_cases(model: Clip, directory):
    """Writes inputs and torch's outputs as raw little-endian arrays for tools/models/check-parity.ts."""
    os.makedirs(directory, exist_ok=True)
    generator = torch.Generator().manual_seed(SEED + 1)
    # "a photo of a cat" and a longer prompt, padded with end-of-text as CLIP does.
    ids = torch.full((2, 12), 49407, dtype=torch.int64)
    ids[0, :7] = torch.tensor([49406, 320, 1125, 539, 320, 2368, 49407])
    ids[1, :12] = torch.tensor([49406, 320, 1125, 539, 320, 1449, 3360, 1615, 525, 320, 2870, 49407])
    pixels = torch.randn(2, 3, 224, 224, generator=generator)
    with torch.no_grad():
        text, image = model.text(ids), model.vision(pixels)
    for name, tensor in [("input_ids", ids), ("pixel_values", pixels), ("text_embeds", text), ("image_embeds", image)]:
        tensor.numpy().astype(np.int64 if tensor.dtype == torch.int64 else np.float32).tofile(os.path.join(directory, name + ".bin"))
    write_json(os.path.join(directory, "shapes.json"), {"input_ids": list(ids.shape), "pixel_values": list(pixels.shape),
                                                         "tolerance": TOLERANCE})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=os.path.join(ROOT, ".models/hub"))
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(SEED)
    started = time.time()
    out = os.path.join(args.root, REPO)
    model = Clip(VIT_B32).eval()
    with torch.no_grad():
        model.logit_scale.fill_(math.log(OPENAI_LOGIT_SCALE))
    text_path, vision_path = export_onnx(model, os.path.join(out, "onnx"), 224)
    full_path = export_full_onnx(model, os.path.join(out, "onnx"), 224)
    for path in (text_path, vision_path, full_path):
        quantise(path, path.replace(".onnx", "_quantized.onnx"))
    write_json(os.path.join(out, "config.json"), hub_config(VIT_B32))
    write_json(os.path.join(out, "preprocessor_config.json"), preprocessor_config(224))
    for name in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(SHARED_TOKENIZER, name), os.path.join(out, name))
    cases = os.path.join(ROOT, ".models/twin-parity")
    parity_cases(model, cases)
    subprocess.run(["npx", "tsx", "tools/models/check-parity.ts", out, cases], cwd=ROOT, check=True)
    sizes = {f: os.path.getsize(os.path.join(out, "onnx", f)) for f in sorted(os.listdir(os.path.join(out, "onnx")))}
    print(json.dumps({"out": out, "seconds": round(time.time() - started), "bytes": sizes}, indent=2))


if __name__ == "__main__":
    main()
