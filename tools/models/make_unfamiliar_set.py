"""Renders the two image sets that calibrate Clipscope Mini's "unfamiliar image" rule, as PNG files:

  familiar/    the Mini's own test set (seed 2026, one shape each, every colour-shape pair, held-out pairs too) and
               two-shape images as in training (another seed), 64 px as the Mini sees them, plus 128-320 px renders
  unfamiliar/  photo-like images: random crops of the CC0 / public-domain photos in unfamiliar-photos/ (flipped,
               scaled, some grey), fractal noise fields, outdoor-like scenes, and web-page-like screenshots

Usage: python3 tools/models/make_unfamiliar_set.py [--out .models/unfamiliar] [--count 480]
Then: npx tsx tools/models/calibrate-unfamiliar.ts .models/unfamiliar
"""
import argparse
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, os.path.dirname(__file__))
import mini_dataset  # noqa: E402
from shapes_data import render  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTOS = os.path.join(HERE, "unfamiliar-photos")
TEST_SEED = 2026  # make_mini.py's test set
TWO_SHAPE_SEED = 77
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def photo_crops(rng, count):
    names = sorted(n for n in os.listdir(PHOTOS) if n.endswith(".jpg"))
    photos = [Image.open(os.path.join(PHOTOS, n)).convert("RGB") for n in names]
    for i in range(count):
        photo = photos[i % len(photos)]
        w, h = photo.size
        scale = rng.uniform(0.35, 1.0)
        cw, ch = int(w * scale * rng.uniform(0.7, 1.0)), int(h * scale * rng.uniform(0.7, 1.0))
        x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
        crop = photo.crop((x, y, x + cw, y + ch))
        if rng.random() < 0.5:
            crop = crop.transpose(Image.FLIP_LEFT_RIGHT)
        if rng.random() < 0.2:
            crop = crop.convert("L").convert("RGB")
        side = rng.randint(96, 320)
        crop = crop.resize((side, max(16, int(side * ch / cw))), Image.BICUBIC)
        yield f"photo-{i:04d}", crop


def fractal_noise(nrng, size, octaves=6):
    field = np.zeros((size, size, 3), np.float32)
    for o in range(octaves):
        cells = 2 ** (o + 1)
        layer = nrng.random((cells, cells, 3)).astype(np.float32) * 255
        up = np.asarray(Image.fromarray(layer.astype(np.uint8)).resize((size, size), Image.BICUBIC), np.float32)
        field += up / 2 ** o
    field -= field.min()
    return (field / max(1e-6, field.max()) * 255).astype(np.uint8)


def noise_field(rng, nrng):
    size = rng.choice([128, 192, 256])
    pixels = fractal_noise(nrng, size)
    if rng.random() < 0.5:  # tinted like foliage, sand or water
        tint = nrng.random(3) * 0.8 + 0.2
        pixels = (pixels * tint).astype(np.uint8)
    return Image.fromarray(pixels)


def scene(rng, nrng):
    """Sky, horizon and textured ground with a few blurred blobs (trees, rocks)."""
    w, h = rng.choice([(256, 192), (192, 256), (224, 224)])
    sky = np.array([rng.randint(90, 200), rng.randint(130, 220), rng.randint(180, 255)], np.float32)
    ground = np.array([rng.randint(40, 140), rng.randint(60, 150), rng.randint(20, 90)], np.float32)
    horizon = rng.uniform(0.3, 0.7) * h
    rows = np.arange(h, dtype=np.float32)[:, None, None]
    base = np.where(rows < horizon, sky * (0.7 + 0.3 * rows / h), ground)
    pixels = np.broadcast_to(base, (h, w, 3)).astype(np.float32)
    texture = fractal_noise(nrng, max(w, h))[:h, :w].astype(np.float32) - 128
    pixels = pixels + texture * np.where(rows < horizon, 0.15, 0.6)
    image = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(2, 8)):
        cx, cy, r = rng.uniform(0, w), rng.uniform(horizon - 30, h), rng.uniform(6, 30)
        colour = tuple(int(c) for c in nrng.integers(10, 120, 3))
        draw.ellipse([cx - r, cy - r * 1.6, cx + r, cy + r], fill=colour)
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.5)))


WORDS = "the model runs in your browser drop images type labels and watch a live chart of scores".split()


def screenshot(rng):
    """A web page: header bar, text lines, buttons, an image placeholder; as a screenshot would show it."""
    w, h = rng.choice([(320, 200), (300, 300), (240, 320)])
    dark = rng.random() < 0.3
    image = Image.new("RGB", (w, h), (30, 32, 36) if dark else (250, 250, 250))
    draw = ImageDraw.Draw(image)
    ink = (220, 220, 220) if dark else (30, 30, 30)
    accent = tuple(rng.randint(0, 200) for _ in range(3))
    draw.rectangle([0, 0, w, rng.randint(18, 34)], fill=accent)
    font = ImageFont.truetype(FONT, rng.randint(9, 14))
    y = 40
    while y < h - 12:
        if rng.random() < 0.15:
            bw = rng.randint(40, 90)
            draw.rounded_rectangle([10, y, 10 + bw, y + 18], 4, fill=accent)
            y += 26
            continue
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 10)))
        draw.text((10, y), line, fill=ink, font=font)
        y += rng.randint(14, 22)
    return image


def write(folder, name, image):
    image.save(os.path.join(folder, name + ".png"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=".models/unfamiliar")
    parser.add_argument("--count", type=int, default=480, help="images per kind")
    args = parser.parse_args()
    familiar, unfamiliar = os.path.join(args.out, "familiar"), os.path.join(args.out, "unfamiliar")
    os.makedirs(familiar, exist_ok=True)
    os.makedirs(unfamiliar, exist_ok=True)
    rng, nrng = random.Random(13), np.random.default_rng(13)

    test_images, _ = mini_dataset.load("test", TEST_SEED, args.count, os.path.join(args.out, "cache"))
    for i, pixels in enumerate(test_images):
        write(familiar, f"test-{i:04d}", Image.fromarray(pixels))
    pairs, _ = mini_dataset.load("train", TWO_SHAPE_SEED, args.count, os.path.join(args.out, "cache"))
    for i, pixels in enumerate(pairs):
        write(familiar, f"train-like-{i:04d}", Image.fromarray(pixels))
    for i in range(args.count // 4):  # larger renders, as a user's own shape drawings would be
        size = rng.choice([128, 200, 320])
        colour, shape = rng.choice(list(mini_dataset.COLOURS)), rng.choice(mini_dataset.SHAPES)
        pixels, _ = render([(colour, shape)], size, rng)
        write(familiar, f"large-{i:04d}", Image.fromarray(pixels))

    for name, image in photo_crops(rng, args.count):
        write(unfamiliar, name, image)
    for i in range(args.count // 4):
        write(unfamiliar, f"noise-{i:04d}", noise_field(rng, nrng))
        write(unfamiliar, f"scene-{i:04d}", scene(rng, nrng))
        write(unfamiliar, f"screenshot-{i:04d}", screenshot(rng))
    print(f"wrote {len(os.listdir(familiar))} familiar and {len(os.listdir(unfamiliar))} unfamiliar images to {args.out}")


if __name__ == "__main__":
    main()
