"""The independent fp32 reference for the conformance tests: preprocesses the conformance images with
reference_preprocess.py (PIL, as CLIPImageProcessor), tokenises the prompts with reference_tokenizer.py (Python
BPE), runs the twin's own PyTorch definition (clip_model.py) one image and one prompt at a time, and writes
<out>/reference.json (ids, embeddings, cosines) and <out>/pixels/<image>.bin (float32 CHW pixel values).

    /usr/bin/python3 tools/models/reference_clip.py     (re-run alone; make_twin_small.py runs it too)
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_preprocess import pixel_values  # noqa: E402
from reference_tokenizer import ClipBpe  # noqa: E402

# Distinct prompts (no two tokenise alike), used raw: the test sets the app's template to "{}".
PROMPTS = ["a photo of a cat", "a diagram of a green circuit board", "Hello World", "一只猫在草地上",
           "a photo of a large red circle on a grey background", "🐱 on a mat, it's sunny"]


def _cosines(images, texts):
    a = images / np.linalg.norm(images, axis=1, keepdims=True)
    b = texts / np.linalg.norm(texts, axis=1, keepdims=True)
    return a @ b.T


def write_reference(model, model_dir, images_dir, listing, out_dir):
    with open(os.path.join(model_dir, "preprocessor_config.json")) as f:
        config = json.load(f)
    os.makedirs(os.path.join(out_dir, "pixels"), exist_ok=True)
    bpe = ClipBpe(model_dir)
    ids = [bpe.encode(p) for p in PROMPTS]
    image_rows, text_rows, images = [], [], []
    model.eval()
    with torch.no_grad():
        for entry in listing:
            values, _ = pixel_values(os.path.join(images_dir, entry["name"]), config)
            values.tofile(os.path.join(out_dir, "pixels", entry["name"] + ".bin"))
            image_rows.append(model.vision(torch.from_numpy(values)[None]).double().numpy()[0])
            images.append({**entry, "file": os.path.join(images_dir, entry["name"]),
                           "pixels": os.path.join(out_dir, "pixels", entry["name"] + ".bin"),
                           "shape": list(values.shape)})
        for row in ids:
            text_rows.append(model.text(torch.tensor([row])).double().numpy()[0])
    image_embeds, text_embeds = np.stack(image_rows), np.stack(text_rows)
    reference = {
        "note": "fp32 PyTorch reference (clip_model.py) on PIL-preprocessed pixels and Python-BPE token ids",
        "prompts": [{"text": p, "ids": i} for p, i in zip(PROMPTS, ids)],
        "images": images,
        "fp32": {"image_embeds": image_embeds.tolist(), "text_embeds": text_embeds.tolist(),
                 "cosines": _cosines(image_embeds, text_embeds).tolist()},
    }
    with open(os.path.join(out_dir, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1, ensure_ascii=False)
    return reference


if __name__ == "__main__":
    from make_twin_small import OUT, REFERENCE_DIR, load_twin, IMAGES_DIR  # noqa: E402
    from conformance_images import IMAGES, MIME  # noqa: E402

    listing = [{"name": n, "mime": MIME[f], "width": w, "height": h} for n, w, h, f in IMAGES]
    write_reference(load_twin(), OUT, IMAGES_DIR, listing, REFERENCE_DIR)
