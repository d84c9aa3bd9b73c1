"""tests/fixtures/prefixlm/: 50 freshly rendered test images at the model's input size and the PyTorch reference
ids for them (greedy captions, answers and continuations, beam search, label likelihoods), computed on pixels
loaded back from the PNG files with PIL and normalised with numpy."""
import json
import os
import random

import numpy as np
from PIL import Image

from decode import BEAM_RULE, beam_search, greedy, label_log_probs
from scenes import IMAGE_SIZE
from shapes_data import HELD_OUT, SHAPES, render, seen_pairs
from texts import LIKELIHOOD_PREFIX, likelihood_labels
from train import pixel_values

SEED = "prefixlm-fixture-2026"
MAX_TOKENS = 32
BEAMS = 4


def _scenes():
    rng = random.Random(SEED)
    seen = seen_pairs()
    scenes = [[rng.choice(seen)] for _ in range(16)] + [[pair] for pair in HELD_OUT]
    for i in range(26):
        first = list(HELD_OUT)[i % 8] if i >= 18 else rng.choice(seen)
        second = rng.choice([p for p in seen if p != first])
        scenes.append([first, second] if rng.random() < 0.5 else [second, first])
    return rng, scenes


def _question(objects, index):
    """(question, expected answer)."""
    colours, shapes = [o[0] for o in objects], [o[1] for o in objects]
    kind, pick = index % 4, index % len(objects)
    if kind == 0 and len(set(shapes)) == len(shapes):
        return f"what colour is the {shapes[pick]}?", colours[pick]
    if kind == 1 and len(set(colours)) == len(colours):
        return f"what shape is the {colours[pick]} one?", shapes[pick]
    if kind == 2:
        return "how many shapes are there?", ["one", "two"][len(objects) - 1]
    asked = SHAPES[index % 6]
    return f"is there a {asked}?", "yes" if asked in shapes else "no"


def _prefix(objects, index):
    colour, shape = objects[0]
    return ["a photo of a", f"a photo of a {colour}", f"a {colour}", f"a {colour} {shape}"][index % 4]


def write_fixture(model, tokenizer, start_id, directory):
    image_dir = os.path.join(directory, "images")
    os.makedirs(image_dir, exist_ok=True)
    for old in os.listdir(image_dir):
        os.remove(os.path.join(image_dir, old))
    rng, scenes = _scenes()
    images, pixels = [], []
    for index, objects in enumerate(scenes):
        array, meta = render(objects, IMAGE_SIZE, rng)
        name = f"{index:02d}-" + "-".join(f"{c}-{s}" for c, s in objects) + ".png"
        Image.fromarray(array).save(os.path.join(image_dir, name))
        loaded = np.asarray(Image.open(os.path.join(image_dir, name)).convert("RGB"))
        images.append((name, objects, meta["horizontal"]))
        pixels.append(pixel_values(loaded[None]))
    entries = []
    for index, ((name, objects, horizontal), x) in enumerate(zip(images, pixels)):
        question, expected = _question(objects, index)
        question_prefix = f"question: {question} answer:"
        prefix = _prefix(objects, index)
        entries.append({
            "file": f"images/{name}",
            "held_out": any(tuple(o) in HELD_OUT for o in objects),
            "objects": [list(o) for o in objects], "horizontal": horizontal, "expected_answer": expected,
            "caption_ids": greedy(model, tokenizer, x, "", start_id, MAX_TOKENS)[0],
            "question": question, "question_prefix": question_prefix,
            "answer_ids": greedy(model, tokenizer, x, question_prefix, start_id, MAX_TOKENS)[0],
            "prefix": prefix,
            "continuation_ids": greedy(model, tokenizer, x, prefix, start_id, MAX_TOKENS)[0],
        })
    picks = list(range(0, 50, 5))
    beam = [{"file": entries[i]["file"], "beams": BEAMS, "prefix": "",
             "ids": beam_search(model, tokenizer, pixels[i], "", start_id, BEAMS, MAX_TOKENS)} for i in picks]
    labels = likelihood_labels()
    items = [{"file": entries[i]["file"],
              "mean_log_probs": [round(v, 6) for v in
                                 label_log_probs(model, tokenizer, pixels[i], LIKELIHOOD_PREFIX, labels, start_id)]}
             for i in picks]
    reference = {
        "model": "clipscope-mini-prefixlm", "dtype": "fp32", "max_tokens": MAX_TOKENS,
        "notes": "ids are generated ids only (no start token, no end token); question_prefix is the encoder prefix "
                 "the app builds from question; pixels are the PNGs as PIL loads them, rescaled and normalised",
        "images": entries,
        "beam_rule": BEAM_RULE,
        "beam": beam,
        "likelihood": {"prefix": LIKELIHOOD_PREFIX, "labels": labels, "items": items},
    }
    with open(os.path.join(directory, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    return reference
