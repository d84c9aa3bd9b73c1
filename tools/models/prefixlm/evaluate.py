"""Measures the trained PrefixLM (PyTorch, fp32, greedy) on freshly rendered test images, seen vs held-out
colour-shape pairs: caption attributes, two-shape captions fully right, VQA per question type, zero-shot
classification by label likelihood."""
import random

import torch

import scenes
from decode import encode_images, greedy
from shapes_data import COLOURS, SHAPES
from texts import LIKELIHOOD_PREFIX, QUESTION_KINDS, likelihood_labels, question, question_prefix
from train import pixel_values

CHUNK = 120


def mentions(words):
    """(colour, shape) pairs named before the background phrase, and the relation words between them."""
    found, relation = [], None
    for i, word in enumerate(words):
        if word == "on":
            break
        if word in COLOURS and i + 1 < len(words) and words[i + 1] in SHAPES:
            found.append((word, words[i + 1]))
        elif word in ("left", "right", "above", "below") and found and relation is None:
            relation = word if word in ("above", "below") else f"{word} of"
    return found, relation


def caption_right(meta, words):
    objects = [tuple(o) for o in meta["objects"]]
    found, relation = mentions(words)
    if len(objects) == 1:
        return found == objects, found == objects
    named = sorted(found) == sorted(objects)
    forward, inverse = scenes.relation(meta)
    expected = forward if found and found[0] == objects[0] else inverse
    return named, named and len(found) == 2 and relation == expected


def _greedy_words(model, tokenizer, images, prefixes, start_id):
    words = []
    for prefix in sorted(set(prefixes)):
        index = [i for i, p in enumerate(prefixes) if p == prefix]
        for s in range(0, len(index), CHUNK):
            part = index[s:s + CHUNK]
            ids = greedy(model, tokenizer, pixel_values(images[part]), prefix, start_id)
            words += [(i, [tokenizer.words[t] for t in row]) for i, row in zip(part, ids)]
    return [w for _, w in sorted(words)]


def rate(hits):
    return {"correct": sum(hits), "total": len(hits), "accuracy": sum(hits) / max(1, len(hits))}


@torch.no_grad()
def evaluate(model, tokenizer, start_id, work_dir, seed, count):
    results = {}
    labels = likelihood_labels()
    label_ids = [tokenizer.encode(label, special=False) for label in labels]
    for kind in ("test1-seen", "test1-held", "test2-seen", "test2-held"):
        images, metas = scenes.load(kind, seed, count, work_dir)
        captions = _greedy_words(model, tokenizer, images, [""] * len(metas), start_id)
        scored = [caption_right(m, w) for m, w in zip(metas, captions)]
        entry = {"captions_attributes": rate([s[0] for s in scored]), "captions_fully_right": rate([s[1] for s in scored]),
                 "examples": [" ".join(w) for w in captions[:4]]}
        rng = random.Random(f"vqa-{kind}")
        asked = [question(m, rng) for m in metas for _ in range(3)]
        answers = _greedy_words(model, tokenizer, images[[i // 3 for i in range(len(asked))]],
                                [" ".join(question_prefix(q)) for q, _, _ in asked], start_id)
        for qtype in QUESTION_KINDS:
            hits = [a == expected for (q, expected, t), a in zip(asked, answers) if t == qtype]
            entry[f"vqa_{qtype}"] = rate(hits)
        if kind.startswith("test1"):
            hits = []
            for s in range(0, len(metas), CHUNK):
                hidden, mask = encode_images(model, tokenizer, pixel_values(images[s:s + CHUNK]), LIKELIHOOD_PREFIX)
                cross = model.cross_cache(hidden)
                scores = torch.stack([_mean_log_prob(model, cross, mask, ids, start_id) for ids in label_ids], 1)
                hits += [labels[int(k)] == " ".join(m["objects"][0]) for k, m in zip(scores.argmax(1), metas[s:s + CHUNK])]
            entry["likelihood_zero_shot"] = rate(hits)
        results[kind] = entry
        print(kind, {k: round(v["accuracy"], 4) for k, v in entry.items() if isinstance(v, dict)})
    return results


def _mean_log_prob(model, cross, mask, ids, start_id):
    batch = mask.shape[0]
    tokens = torch.tensor([[start_id, *ids]] * batch)
    logp = torch.log_softmax(model.decode(model.embed(tokens), mask, cross)[0], -1)
    return torch.stack([logp[:, k, t] for k, t in enumerate(ids)], 1).mean(1)
