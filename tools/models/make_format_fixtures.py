"""Writes e2e/fixtures/formats/: one picture in every format the app promises, plus an EXIF-rotated JPEG, an
animated GIF and a PNG with transparency (with PIL's RGB of it), all made from the Mini's renderer so the true label
is known.

    /usr/bin/python3 tools/models/make_format_fixtures.py    (npm run models:format-fixtures)
"""
import os
import random
import sys

from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from shapes_data import render  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "e2e/fixtures/formats")
SIZE = 128
EXIF_ORIENTATION = 0x0112
ROTATE_90_CW = 6  # stored turned a quarter; viewers turn it back clockwise
LARGE_SEED = 5
ALPHA_SEED = 13


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(11)
    red_circle = Image.fromarray(render([("red", "circle")], SIZE, rng)[0])
    blue_star = Image.fromarray(render([("blue", "star")], SIZE, rng)[0])
    red_circle.save(os.path.join(OUT, "red-circle.jpg"), quality=92)
    red_circle.save(os.path.join(OUT, "red-circle.webp"), quality=92)
    red_circle.save(os.path.join(OUT, "red-circle.bmp"))
    # Greyscale PNG: black survives the loss of colour, so the label stays known.
    Image.fromarray(render([("black", "circle")], SIZE, rng)[0]).convert("L").save(os.path.join(OUT, "black-circle-grey.png"))
    # Animated GIF: the first frame is what gets classified.
    red_circle.save(os.path.join(OUT, "red-circle-animated.gif"), save_all=True, append_images=[blue_star],
                    duration=200, loop=0)
    # A tall 64x128 picture stored as 128x64 with an EXIF orientation tag, as phones write them.
    tall = Image.fromarray(render([("green", "square")], SIZE, rng)[0]).resize((64, 128))
    stored = tall.transpose(Image.ROTATE_90)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATE_90_CW
    stored.save(os.path.join(OUT, "exif-rotated.jpg"), quality=92, exif=exif)
    # A large photo-sized picture, to measure the browser's downscale against PIL's bicubic.
    large = Image.fromarray(render([("orange", "triangle")], 1024, random.Random(LARGE_SEED))[0])
    large.crop((0, 128, 1024, 896)).save(os.path.join(OUT, "large-orange-triangle.png"), optimize=True)
    # A 320x240 PNG with alpha: fully transparent on the left (the red circle's colour is still stored there), half
    # transparent in a band. CLIPImageProcessor's convert("RGB") drops alpha and keeps the stored colour; a canvas
    # would premultiply it away. The second file is PIL's RGB of the first.
    rgb = Image.fromarray(render([("red", "circle")], SIZE, random.Random(ALPHA_SEED))[0]).resize((320, 240))
    alpha = Image.new("L", rgb.size, 255)
    alpha.paste(0, (0, 0, 160, 240))
    alpha.paste(128, (160, 0, 220, 240))
    rgba = rgb.copy()
    rgba.putalpha(alpha)
    rgba.save(os.path.join(OUT, "red-circle-alpha.png"))
    Image.open(os.path.join(OUT, "red-circle-alpha.png")).convert("RGB").save(os.path.join(OUT, "red-circle-alpha-rgb.png"))


if __name__ == "__main__":
    main()
