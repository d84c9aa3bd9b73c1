"""Writes public/examples/, the images behind the first screen's "Try an example" buttons:

  shapes/  four coloured shapes drawn like Clipscope Mini's training data (shapes_data.py), on plain or gradient
           backgrounds, 256 px PNG
  photos/  four CC0 / public-domain photos that scikit-image ships in skimage/data (Debian python3-skimage 0.19.3),
           re-encoded as JPEG with the longest edge at most 640 px

Usage: python3 tools/models/make_examples.py [--skimage-data DIR]     (npm run models:examples)
DIR defaults to the installed skimage's data folder. Without skimage installed, unpack the Debian package instead:
    apt-get download python3-skimage && dpkg-deb -x python3-skimage_*.deb skimage-deb
    python3 tools/models/make_examples.py --skimage-data skimage-deb/usr/lib/python3/dist-packages/skimage/data
"""
import argparse
import os
import random
import sys

from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from shapes_data import HELD_OUT, render  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "public/examples")
SEED = 14
SHAPE_SIZE = 256
# One of each of four shapes, in colours the Mini saw with that shape in training.
SHAPES = [("blue", "circle"), ("yellow", "star"), ("red", "triangle"), ("green", "square")]
# skimage file -> shipped name (the names say what the photo shows).
PHOTOS = {"chelsea.png": "cat.jpg", "astronaut.png": "astronaut.jpg", "coffee.png": "coffee.jpg",
          "rocket.jpg": "rocket.jpg"}
LONGEST_EDGE = 640
JPEG_QUALITY = 82


def write_shapes(directory):
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(SEED)
    for colour, shape in SHAPES:
        assert (colour, shape) not in HELD_OUT
        while True:  # a noisy background compresses badly; plain and gradient ones keep each file small
            pixels, meta = render([(colour, shape)], SHAPE_SIZE, rng)
            if meta["background"] != "a noisy background":
                break
        Image.fromarray(pixels).save(os.path.join(directory, f"{colour}-{shape}.png"), optimize=True)


def write_photos(source, directory):
    os.makedirs(directory, exist_ok=True)
    for name, shipped in PHOTOS.items():
        image = Image.open(os.path.join(source, name)).convert("RGB")
        scale = min(1.0, LONGEST_EDGE / max(image.size))
        if scale < 1.0:
            image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
        image.save(os.path.join(directory, shipped), quality=JPEG_QUALITY, optimize=True, progressive=True)


def installed_skimage_data():
    try:
        import skimage
    except ImportError:
        sys.exit("skimage is not installed: pass --skimage-data (see this script's docstring)")
    return os.path.join(os.path.dirname(skimage.__file__), "data")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skimage-data", help="the skimage/data folder holding the original photos")
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    write_shapes(os.path.join(args.out, "shapes"))
    write_photos(args.skimage_data or installed_skimage_data(), os.path.join(args.out, "photos"))
    for folder in ("shapes", "photos"):
        for name in sorted(os.listdir(os.path.join(args.out, folder))):
            size = os.path.getsize(os.path.join(args.out, folder, name))
            print(f"{folder}/{name}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
