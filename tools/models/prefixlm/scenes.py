"""The PrefixLM's images: the Mini CLIP's shapes world (shapes_data.render, same HELD_OUT pairs), rendered in
parallel and cached on disk, with the size and relative-position words captions need."""
import json
import os
import random
from multiprocessing import Pool

import numpy as np

from shapes_data import COLOURS, HELD_OUT, SHAPES, render, seen_pairs

IMAGE_SIZE = 64
TWO_SHAPE_FRACTION = 0.5
CHUNK = 2000
ALL_PAIRS = [(c, s) for c in COLOURS for s in SHAPES]
# Radius thresholds (fraction of the image) for "small" / "large"; between them no size word is used.
SIZE_THRESHOLDS = {1: (0.23, 0.33), 2: (0.155, 0.195)}


def size_word(meta, index):
    small, large = SIZE_THRESHOLDS[len(meta["objects"])]
    radius = meta["radius"][index]
    return "small" if radius < small else "large" if radius > large else None


def relation(meta):
    """(word for object 0 relative to object 1, inverse word): render() puts object 0 in the left or top half."""
    return ("left of", "right of") if meta["horizontal"] else ("above", "below")


def _objects(kind, rng, index):
    if kind == "train":
        pairs = seen_pairs()
    elif kind.endswith("held"):
        pairs = list(HELD_OUT)
    else:
        pairs = seen_pairs()
    if kind.startswith("test1"):  # one shape; every pair equally often
        return [pairs[index % len(pairs)]]
    if kind == "train" and rng.random() >= TWO_SHAPE_FRACTION:
        return [rng.choice(pairs)]
    if kind == "train" or kind == "test2-seen":
        first = rng.choice(pairs)
        second = rng.choice([p for p in seen_pairs() if p != first])
    else:  # test2-held: one held-out pair next to a seen one, in either order
        first, second = rng.choice(pairs), rng.choice(seen_pairs())
        if rng.random() < 0.5:
            first, second = second, first
    return [first, second]


def _render_chunk(args):
    kind, seed, start, count, size = args
    rng = random.Random(f"prefixlm-{kind}-{seed}-{start}")
    images, metas = np.zeros((count, size, size, 3), np.uint8), []
    for i in range(count):
        images[i], meta = render(_objects(kind, rng, start + i), size, rng)
        metas.append(meta)
    return images, metas


def load(kind, seed, count, cache_dir, size=IMAGE_SIZE):
    """kind: train | test1-seen | test1-held | test2-seen | test2-held. Returns (uint8 [N,H,W,3], metadata)."""
    os.makedirs(cache_dir, exist_ok=True)
    stem = os.path.join(cache_dir, f"{kind}-s{seed}-n{count}-px{size}")
    if os.path.exists(stem + ".json"):
        return np.load(stem + ".npy"), json.load(open(stem + ".json"))
    jobs = [(kind, seed, start, min(CHUNK, count - start), size) for start in range(0, count, CHUNK)]
    with Pool(os.cpu_count()) as pool:
        parts = pool.map(_render_chunk, jobs)
    images = np.concatenate([p[0] for p in parts])
    metas = [m for p in parts for m in p[1]]
    for meta in metas:
        meta["objects"] = [list(o) for o in meta["objects"]]
    np.save(stem + ".npy", images)
    json.dump(metas, open(stem + ".json", "w"))
    return images, metas


def is_held_out(meta):
    return any(tuple(o) in HELD_OUT for o in meta["objects"])
