"""Entry point: the reduced-depth twin of openai/clip-vit-base-patch32 for the conformance tests, made in seconds,
and the independent reference they compare the app with.

    /usr/bin/python3 tools/models/make_twin_small.py [--force]    (npm run models:twin-small)

The twin has ViT-B/32's exact widths, heads, patching, 49408-token vocabulary, 77 positions and 512-d
projections of both towers, but 2 layers each; random weights from a fixed seed, with the two projections sharing
a low-rank subspace so that image-text cosines spread well away from 0. Its ONNX files have the published
transformers.js signatures (pixel_values -> image_embeds, last_hidden_state; input_ids -> text_embeds,
last_hidden_state), fp32 and int8 (_quantized).

Writes (git-ignored) .models/twin-small/: Xenova/clip-vit-base-patch32/ (Hub layout), conformance/
(photo-like images, reference.json, pixel values). Skips all work when its inputs are unchanged (stamp.json).
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clip_model import Clip, ClipConfig, TextConfig, VisionConfig  # noqa: E402
from conformance_images import make_images  # noqa: E402
from hub_files import export_onnx, preprocessor_config, write_json  # noqa: E402
from make_twins import OPENAI_LOGIT_SCALE, SHARED_TOKENIZER, TOKENIZER_FILES, hub_config  # noqa: E402
from quantize import quantise  # noqa: E402
from reference_clip import write_reference  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BASE = os.path.join(ROOT, ".models", "twin-small")
OUT = os.path.join(BASE, "Xenova", "clip-vit-base-patch32")
IMAGES_DIR = os.path.join(BASE, "conformance", "images")
REFERENCE_DIR = os.path.join(BASE, "conformance")
STAMP = os.path.join(BASE, "stamp.json")
SEED = 232
SHARED_RANK = 6
VISION_GAIN = 3.0
TWIN_SMALL = ClipConfig(512, VisionConfig(224, 32, 768, 2, 12), TextConfig(49408, 77, 512, 2, 8, "quick_gelu"))
SOURCES = ["make_twin_small.py", "clip_model.py", "hub_files.py", "quantize.py", "make_twins.py",
           "conformance_images.py", "reference_preprocess.py", "reference_tokenizer.py", "reference_clip.py"]


def stamp():
    digest = hashlib.sha256()
    files = [os.path.join(HERE, s) for s in SOURCES] + [os.path.join(SHARED_TOKENIZER, f) for f in TOKENIZER_FILES]
    for path in files:
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(f"{torch.__version__}".encode())
    return digest.hexdigest()


def outputs_present():
    onnx = [os.path.join(OUT, "onnx", f"{t}_model{q}.onnx") for t in ("text", "vision") for q in ("", "_quantized")]
    files = onnx + [os.path.join(OUT, "config.json"), os.path.join(REFERENCE_DIR, "reference.json")]
    return all(os.path.exists(f) for f in files)


def build_twin():
    torch.manual_seed(SEED)
    model = Clip(TWIN_SMALL).eval()
    with torch.no_grad():
        model.logit_scale.fill_(math.log(OPENAI_LOGIT_SCALE))
        # Both projections mostly map into one shared 6-d subspace (plus a little full-rank noise), so image and
        # text embeddings of random towers are not near-orthogonal: cosines spread over about +-0.5.
        basis = torch.linalg.qr(torch.randn(TWIN_SMALL.embed_dim, SHARED_RANK))[0]
        for proj in (model.vision.proj, model.text.proj):
            width = proj.weight.shape[1]
            mix = torch.randn(SHARED_RANK, width) / math.sqrt(width)
            proj.weight.copy_(basis @ mix + 0.02 * torch.randn_like(proj.weight) / math.sqrt(width))
        # With default init the class token barely depends on the image (image-image cosines all ~0.99); larger
        # attention and MLP weights make embeddings follow the content, so a preprocessing error shows clearly.
        for block in model.vision.blocks:
            for weight in (block.attn.qkv.weight, block.attn.out.weight, block.mlp[2].weight):
                weight.mul_(VISION_GAIN)
    return model


def load_twin():
    """The same weights again: build_twin is deterministic (fixed seed, CPU), so nothing large is stored."""
    return build_twin()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    args = parser.parse_args()
    current = stamp()
    if not args.force and os.path.exists(STAMP):
        with open(STAMP) as f:
            if json.load(f).get("stamp") == current and outputs_present():
                print(f"twin-small is up to date in {BASE}")
                return
    started = time.time()
    torch.set_num_threads(os.cpu_count())
    shutil.rmtree(BASE, ignore_errors=True)
    timings = {}

    def lap(name):
        timings[name] = round(time.time() - started - sum(timings.values()), 1)

    model = build_twin()
    os.makedirs(BASE, exist_ok=True)
    paths = export_onnx(model, os.path.join(OUT, "onnx"), 224, published=True)
    lap("build and export")
    for path in paths:
        quantise(path, path.replace(".onnx", "_quantized.onnx"))
    lap("quantise")
    config = hub_config(TWIN_SMALL)
    config["clipscope"]["note"] = "random weights, ViT-B/32 widths with 2 layers per tower; for conformance tests"
    write_json(os.path.join(OUT, "config.json"), config)
    write_json(os.path.join(OUT, "preprocessor_config.json"), preprocessor_config(224))
    for name in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(SHARED_TOKENIZER, name), os.path.join(OUT, name))
    listing = make_images(IMAGES_DIR)
    lap("images")
    reference = write_reference(model, OUT, IMAGES_DIR, listing, REFERENCE_DIR)
    lap("reference")
    write_json(STAMP, {"stamp": current})
    cosines = [c for row in reference["fp32"]["cosines"] for c in row]
    print(json.dumps({"out": BASE, "seconds": round(time.time() - started, 1), "timings": timings,
                      "cosine_range": [round(min(cosines), 3), round(max(cosines), 3)]}))


if __name__ == "__main__":
    main()
