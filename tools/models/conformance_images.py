"""Deterministic photo-like test images for the conformance tests: smooth gradients, hard edges and sensor-like
noise (never flat areas, so every resampling error shows), in the sizes, formats and aspect ratios photos come in.
Used by make_twin_small.py; writes into a git-ignored folder."""
import os

import numpy as np
from PIL import Image, ImageDraw

# name, width, height, format. The 3024x4032 JPEG is a 12.2 MP portrait phone photo.
IMAGES = [
    ("landscape-640x480.jpg", 640, 480, "JPEG"),
    ("landscape-1000x750.jpg", 1000, 750, "JPEG"),
    ("portrait-3024x4032.jpg", 3024, 4032, "JPEG"),
    ("alpha-800x600.png", 800, 600, "PNG"),
    ("square-224x224.png", 224, 224, "PNG"),
    ("strip-900x260.png", 900, 260, "PNG"),
    ("tiny-57x83.png", 57, 83, "PNG"),
]
MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


def _scene(width, height, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    u, v = x / width, y / height
    channels = []
    for c in range(3):
        fx, fy, phase = rng.uniform(0.5, 3.0), rng.uniform(0.5, 3.0), rng.uniform(0, 6.3)
        channels.append(120 + 70 * np.sin(2 * np.pi * (fx * u + fy * v) + phase) + 40 * (u - v) * (c - 1))
    image = Image.fromarray(np.clip(np.stack(channels, -1), 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    scale = min(width, height)
    for _ in range(12):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(0.04, 0.25) * scale
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        box = [cx - r, cy - r * rng.uniform(0.4, 1.0), cx + r, cy + r * rng.uniform(0.4, 1.0)]
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    for _ in range(6):  # thin lines: fine detail that blurs if the filter or its support is wrong
        points = [tuple(rng.uniform(0, [width, height])) for _ in range(2)]
        draw.line(points, fill=tuple(int(c) for c in rng.integers(0, 256, 3)), width=max(1, scale // 150))
    noisy = np.asarray(image).astype(np.float32) + 9 * rng.standard_normal((height, width, 3), dtype=np.float32)
    return np.clip(np.round(noisy), 0, 255).astype(np.uint8), rng


def make_image(name, width, height, fmt, seed):
    pixels, rng = _scene(width, height, seed)
    if name.startswith("alpha"):
        # Varied alpha (gradient, a fully transparent band, an opaque block) over stored colours that differ from
        # what a premultiplying decoder would keep: convert("RGB") must see these colours, not black.
        y, x = np.mgrid[0:height, 0:width]
        alpha = (255 * x / (width - 1)).astype(np.uint8)
        alpha[:, : width // 5] = 0
        alpha[height // 3 : height // 2, :] = 255
        alpha[(x + y) % 7 == 0] = 3
        return Image.fromarray(np.dstack([pixels, alpha]), "RGBA")
    return Image.fromarray(pixels, "RGB")


def make_images(out_dir):
    """Writes every image into out_dir; returns [{name, mime, width, height}]."""
    os.makedirs(out_dir, exist_ok=True)
    listing = []
    for index, (name, width, height, fmt) in enumerate(IMAGES):
        image = make_image(name, width, height, fmt, 100 + index)
        options = {"quality": 90} if fmt == "JPEG" else {}
        image.save(os.path.join(out_dir, name), fmt, **options)
        listing.append({"name": name, "mime": MIME[fmt], "width": width, "height": height})
    return listing
