"""Writes tests/fixtures/resize/: two small source images and PIL's resizes of them with every PIL filter, down and
up, to several sizes and aspect ratios, plus the resize target sizes as CLIPImageProcessor computes them. The app's
resize (src/model/image/resize.ts, resizeTarget in src/model/image/preprocess.ts) is checked against these: PIL is the library
Hugging Face's CLIPImageProcessor resizes with.

    /usr/bin/python3 tools/models/make_resize_fixtures.py    (npm run models:resize-fixtures)
"""
import json
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests/fixtures/resize")
# PIL.Image.Resampling, as preprocessor_config.json numbers them.
FILTERS = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "box": 4, "hamming": 5}
# (source, width, height): shrinking, enlarging, one axis only, and changing the aspect ratio.
TARGETS = [
    ("source", 64, 47),
    ("source", 20, 15),
    ("source", 37, 50),
    ("source", 50, 23),
    ("source", 131, 97),
    ("large", 20, 15),
    ("large", 13, 29),
    ("large", 224, 61),
]
# Sizes whose shortest edge becomes 224, as get_resize_output_image_size(default_to_square=False) computes them.
TARGET_SIZES = [(640, 480), (480, 640), (1000, 750), (4000, 3000), (3024, 4032), (225, 224), (224, 224), (1, 3000),
                (3000, 7), (333, 500), (1920, 1080), (299, 224), (6000, 4000)]


def clip_resize_target(width, height, shortest_edge):
    """transformers.image_transforms.get_resize_output_image_size with default_to_square=False, written out."""
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = shortest_edge, int(shortest_edge * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def make_source(width, height, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    smooth = np.stack([x * 250 // width, y * 250 // height, (x + y) * 150 // (width + height)], axis=-1)
    pixels = (smooth + rng.integers(0, 60, (height, width, 3))).clip(0, 255).astype(np.uint8)
    pixels[height // 4:height // 2, width // 3:width * 3 // 5] = (250, 10, 10)  # a hard edge, where ringing shows
    return Image.fromarray(pixels)


def main():
    os.makedirs(OUT, exist_ok=True)
    sources = {"source": make_source(50, 37, 7), "large": make_source(160, 120, 8)}
    for name, image in sources.items():
        image.save(os.path.join(OUT, f"{name}.png"))
    cases = []
    for source, width, height in TARGETS:
        for filter_name, number in FILTERS.items():
            file = f"pil-{filter_name}-{source}-{width}x{height}.png"
            sources[source].resize((width, height), number).save(os.path.join(OUT, file))
            cases.append({"source": f"{source}.png", "resample": number, "filter": filter_name, "file": file,
                          "width": width, "height": height})
    sizes = [{"width": w, "height": h, "shortest_edge": 224, "target": clip_resize_target(w, h, 224)}
             for w, h in TARGET_SIZES]
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"pil": Image.__version__, "resizes": cases, "targets": sizes}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
