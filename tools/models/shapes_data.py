"""Synthetic image-caption data for Clipscope Mini: coloured shapes on varied backgrounds, with captions from
many templates. Some colour-shape pairs are held out of training entirely to measure compositional zero-shot
generalisation."""
import math
import random

import numpy as np
from PIL import Image, ImageDraw

COLOURS = {
    "red": (215, 35, 35),
    "green": (40, 165, 50),
    "blue": (35, 70, 215),
    "yellow": (240, 215, 35),
    "purple": (135, 45, 175),
    "orange": (245, 135, 25),
    "black": (20, 20, 20),
    "white": (242, 242, 242),
}
SHAPES = ["circle", "square", "triangle", "star", "hexagon", "cross"]
# One held-out shape per colour, each shape held out at most twice.
HELD_OUT = [
    ("red", "star"), ("green", "hexagon"), ("blue", "triangle"), ("yellow", "cross"),
    ("purple", "circle"), ("orange", "square"), ("black", "hexagon"), ("white", "triangle"),
]
# Named plain backgrounds, so captions can mention them.
BACKGROUNDS = {
    "grey": (128, 128, 128), "light grey": (200, 200, 200), "dark grey": (60, 60, 60),
    "beige": (225, 210, 180), "pink": (240, 170, 190), "brown": (120, 80, 45),
    "teal": (30, 130, 130), "navy": (25, 30, 90), "light blue": (165, 200, 235), "cream": (250, 245, 225),
}
MIN_CONTRAST = 110.0
SUPERSAMPLE = 3


def seen_pairs():
    return [(c, s) for c in COLOURS for s in SHAPES if (c, s) not in HELD_OUT]


def _jitter(rgb, rng, amount=18):
    return tuple(int(min(255, max(0, v + rng.randint(-amount, amount)))) for v in rgb)


def _distance(a, b):
    return math.dist(a, b)


def shape_points(shape, cx, cy, r, angle):
    """Polygon vertices (or None for a circle) of a shape centred at (cx, cy) with outer radius r."""
    def ring(n, radius, offset=0.0):
        return [(cx + radius * math.cos(angle + offset + 2 * math.pi * i / n),
                 cy + radius * math.sin(angle + offset + 2 * math.pi * i / n)) for i in range(n)]
    if shape == "circle":
        return None
    if shape == "square":
        return ring(4, r, math.pi / 4)
    if shape == "triangle":
        return ring(3, r, -math.pi / 2)
    if shape == "hexagon":
        return ring(6, r)
    if shape == "star":
        outer, inner = ring(5, r, -math.pi / 2), ring(5, r * 0.42, -math.pi / 2 + math.pi / 5)
        return [p for pair in zip(outer, inner) for p in pair]
    if shape == "cross":
        arm = r * 0.34
        local = [(-arm, -r), (arm, -r), (arm, -arm), (r, -arm), (r, arm), (arm, arm),
                 (arm, r), (-arm, r), (-arm, arm), (-r, arm), (-r, -arm), (-arm, -arm)]
        cos, sin = math.cos(angle), math.sin(angle)
        return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in local]
    raise ValueError(shape)


def _background(rng, size, avoid):
    """Returns (H, W, 3) uint8 pixels and a caption phrase for the background."""
    kind = rng.random()
    if kind < 0.45:
        names = [n for n, rgb in BACKGROUNDS.items() if all(_distance(rgb, a) > MIN_CONTRAST for a in avoid)]
        name = rng.choice(names)
        return np.full((size, size, 3), _jitter(BACKGROUNDS[name], rng, 12), np.uint8), f"a {name} background"
    def far_colour():
        while True:
            c = tuple(rng.randint(0, 255) for _ in range(3))
            if all(_distance(c, a) > MIN_CONTRAST for a in avoid):
                return np.array(c, np.float32)
    if kind < 0.75:
        a, b = far_colour(), far_colour()
        t = np.linspace(0, 1, size, dtype=np.float32)
        theta = rng.uniform(0, 2 * math.pi)
        ramp = (math.cos(theta) * t[None, :] + math.sin(theta) * t[:, None])
        ramp = (ramp - ramp.min()) / max(1e-6, ramp.max() - ramp.min())
        pixels = a * (1 - ramp[..., None]) + b * ramp[..., None]
        return pixels.clip(0, 255).astype(np.uint8), "a gradient background"
    base = far_colour()
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(8, 28), (size, size, 3))
    return (base + noise).clip(0, 255).astype(np.uint8), "a noisy background"


def render(objects, size, rng):
    """objects: list of (colour, shape). Returns (uint8 HxWx3 image, metadata dict)."""
    big = size * SUPERSAMPLE
    colours = [_jitter(COLOURS[c], rng) for c, _ in objects]
    pixels, background = _background(rng, big, colours)
    image = Image.fromarray(pixels)
    draw = ImageDraw.Draw(image)
    placed = []
    if len(objects) == 1:
        r = rng.uniform(0.16, 0.40) * big
        cx, cy = rng.uniform(r, big - r), rng.uniform(r, big - r)
        placed.append((cx, cy, r))
    else:
        horizontal = rng.random() < 0.5
        for i in range(2):
            r = rng.uniform(0.13, 0.22) * big
            along = rng.uniform(r, big / 2 - r) + i * big / 2
            across = rng.uniform(r, big - r)
            placed.append((along, across, r) if horizontal else (across, along, r))
    for (colour, shape), rgb, (cx, cy, r) in zip(objects, colours, placed):
        points = shape_points(shape, cx, cy, r, rng.uniform(0, 2 * math.pi))
        if points is None:
            draw.ellipse([cx - r * 0.9, cy - r * 0.9, cx + r * 0.9, cy + r * 0.9], fill=rgb)
        else:
            draw.polygon(points, fill=rgb)
    image = image.resize((size, size), Image.BOX)
    meta = {"objects": objects, "background": background, "radius": [p[2] / big for p in placed],
            "centre": [(p[0] / big, p[1] / big) for p in placed],
            "horizontal": len(placed) == 2 and abs(placed[0][0] - placed[1][0]) > abs(placed[0][1] - placed[1][1])}
    return np.asarray(image), meta
