"""Writes e2e/fixtures/hostile/: the awkward image files people really drop (a 16-bit PNG, a CMYK JPEG, a 1x1
picture, a truncated JPEG, an SVG drawing and a 20000x20000 PNG), made from the Mini's renderer where a true
label is needed.

    /usr/bin/python3 tools/models/make_hostile_fixtures.py    (npm run models:hostile-fixtures)
"""
import os
import random
import struct
import sys
import zlib

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from shapes_data import render  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "e2e/fixtures/hostile")
SIZE = 128
HUGE_EDGE = 20000
BLUE = (35, 70, 215)
GREY = (128, 128, 128)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(path, width, height, bit_depth, colour_type, rows, palette=None):
    """A PNG written row by row, so a 20000 px picture never exists in memory at full size."""
    deflate = zlib.compressobj(9)
    parts = []
    for row in rows:
        parts.append(deflate.compress(b"\x00" + row))
    parts.append(deflate.flush())
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)))
        if palette:
            f.write(chunk(b"PLTE", b"".join(bytes(c) for c in palette)))
        f.write(chunk(b"IDAT", b"".join(parts)))
        f.write(chunk(b"IEND", b""))


def huge_blue_circle_rows():
    """1-bit palette rows of a blue disc on grey filling most of a HUGE_EDGE square."""
    centre, radius = HUGE_EDGE / 2, HUGE_EDGE * 0.35
    x = np.arange(HUGE_EDGE) + 0.5
    for y in range(HUGE_EDGE):
        inside = (x - centre) ** 2 + (y + 0.5 - centre) ** 2 <= radius ** 2
        yield np.packbits(inside.astype(np.uint8)).tobytes()


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(23)
    red_circle = render([("red", "circle")], SIZE, rng)[0]
    blue_star = render([("blue", "star")], SIZE, rng)[0]
    # 16 bits per channel, as scanners and editors write them.
    wide = (blue_star.astype(">u2") * 257).reshape(SIZE, SIZE * 3)
    png(os.path.join(OUT, "blue-star-16bit.png"), SIZE, SIZE, 16, 2, (r.tobytes() for r in wide))
    # CMYK JPEG, as print workflows write them.
    Image.fromarray(red_circle).convert("CMYK").save(os.path.join(OUT, "red-circle-cmyk.jpg"), quality=92)
    # A single pixel.
    Image.new("RGB", (1, 1), (215, 35, 35)).save(os.path.join(OUT, "one-pixel.png"))
    # A JPEG cut off halfway, as an interrupted download leaves it.
    Image.fromarray(red_circle).save(os.path.join(OUT, "full.jpg"), quality=92)
    with open(os.path.join(OUT, "full.jpg"), "rb") as f:
        data = f.read()
    os.remove(os.path.join(OUT, "full.jpg"))
    with open(os.path.join(OUT, "truncated.jpg"), "wb") as f:
        f.write(data[: len(data) // 2])
    # An SVG drawing: vector, so it has no pixels until rasterised.
    with open(os.path.join(OUT, "drawing.svg"), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128">'
                '<rect width="128" height="128" fill="grey"/><circle cx="64" cy="64" r="40" fill="red"/></svg>\n')
    # 20000 x 20000 (400 megapixels; 1.6 GB as RGBA) in a few hundred KB.
    png(os.path.join(OUT, "huge-blue-circle.png"), HUGE_EDGE, HUGE_EDGE, 1, 3, huge_blue_circle_rows(),
        palette=[GREY, BLUE])


if __name__ == "__main__":
    main()
