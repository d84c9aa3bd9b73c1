"""Renders the Mini's training and test sets in parallel, cached on disk by (seed, count, kind)."""
import json
import os
import random
from multiprocessing import Pool

import numpy as np

from shapes_data import COLOURS, HELD_OUT, SHAPES, render, seen_pairs

IMAGE_SIZE = 64
TWO_SHAPE_FRACTION = 0.3
CHUNK = 2000


def _train_objects(rng):
    pairs = seen_pairs()
    if rng.random() < TWO_SHAPE_FRACTION:
        first = rng.choice(pairs)
        second = rng.choice([p for p in pairs if p != first])
        return [first, second]
    return [rng.choice(pairs)]


def _render_chunk(args):
    kind, seed, start, count = args
    rng = random.Random(f"{kind}-{seed}-{start}")
    images, metas = np.zeros((count, IMAGE_SIZE, IMAGE_SIZE, 3), np.uint8), []
    for i in range(count):
        if kind == "train":
            objects = _train_objects(rng)
        else:  # test: every colour-shape pair equally often, one shape per image
            index = start + i
            objects = [(list(COLOURS)[index % 48 // 6], SHAPES[index % 6])]
        images[i], meta = render(objects, IMAGE_SIZE, rng)
        metas.append(meta)
    return images, metas


def load(kind, seed, count, cache_dir):
    """Returns (uint8 [N, H, W, 3] images, list of metadata). Test sets never contain training images: the
    renderer is seeded by kind."""
    os.makedirs(cache_dir, exist_ok=True)
    stem = os.path.join(cache_dir, f"{kind}-s{seed}-n{count}")
    if os.path.exists(stem + ".json"):
        return np.load(stem + ".npy"), json.load(open(stem + ".json"))
    jobs = [(kind, seed, start, min(CHUNK, count - start)) for start in range(0, count, CHUNK)]
    with Pool(os.cpu_count()) as pool:
        parts = pool.map(_render_chunk, jobs)
    images = np.concatenate([p[0] for p in parts])
    metas = [m for p in parts for m in p[1]]
    np.save(stem + ".npy", images)
    json.dump(metas, open(stem + ".json", "w"))
    return images, metas


def is_held_out(meta):
    return any(tuple(o) in HELD_OUT for o in meta["objects"])
