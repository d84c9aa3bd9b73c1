"""Writes tests/fixtures/resize/: a small source image and PIL's bicubic resizes of it, so the app's resize
(src/model/resize.ts) is checked against the library that Hugging Face's CLIPImageProcessor uses.

    /usr/bin/python3 tools/models/make_resize_fixtures.py    (npm run models:resize-fixtures)
"""
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests/fixtures/resize")
TARGETS = [(64, 47), (20, 15), (37, 50)]


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:37, 0:50]
    smooth = np.stack([x * 5, y * 6, (x + y) * 3], axis=-1)
    pixels = (smooth + rng.integers(0, 60, (37, 50, 3))).clip(0, 255).astype(np.uint8)
    pixels[10:20, 15:30] = (250, 10, 10)  # a hard edge, where ringing shows
    source = Image.fromarray(pixels)
    source.save(os.path.join(OUT, "source.png"))
    for width, height in TARGETS:
        source.resize((width, height), Image.BICUBIC).save(os.path.join(OUT, f"pil-bicubic-{width}x{height}.png"))


if __name__ == "__main__":
    main()
