"""Checks run by make_prefixlm.py through `npx tsx`: the tokenizer (check-tokenizer.ts) and the exported ONNX
files decoding with the KV cache in onnxruntime-node (check-decode.ts) against the PyTorch reference."""
import json
import os
import random
import subprocess

import numpy as np
from PIL import Image

import scenes
from hub_files import write_json
from evaluate import caption_right
from texts import caption, likelihood_labels, question, question_prefix
from train import pixel_values


def _natural(words):
    return " ".join(words).replace(" ?", "?").replace(" :", ":")


def check_tokenizer(tokenizer, out_dir, work_dir, root):
    rng = random.Random(1)
    _, metas = scenes.load("train", 0, 2000, work_dir)
    texts = set()
    for meta in metas:
        texts.add(_natural(caption(meta, rng)))
        words, answer, _ = question(meta, rng)
        texts.add(_natural(question_prefix(words) + answer))
        texts.add(_natural(words))
    texts |= set(likelihood_labels()) | {"", "a photo of a", "A Photo of a ZEBRA!", "ÜNKNOWN wörds, 42 times."}
    cases = []
    for text in sorted(texts):
        plain = tokenizer.encode(text, special=False)
        cases.append({"text": text, "ids": tokenizer.encode(text), "plain": plain, "decoded": tokenizer.decode(plain)})
    path = os.path.join(work_dir, "tokenizer-cases.json")
    write_json(path, cases)
    subprocess.run(["npx", "tsx", "tools/models/prefixlm/check-tokenizer.ts", out_dir, path], cwd=root, check=True)


def check_onnx_decode(model, out_dir, fixture_dir, reference, work_dir, root):
    """Writes the fixture images' pixel values, runs check-decode.ts and returns its report (it fails unless the
    fp32 files reproduce the PyTorch ids and the cached and uncached decoder paths agree)."""
    pixels = np.concatenate([pixel_values(np.asarray(Image.open(os.path.join(fixture_dir, e["file"])).convert("RGB"))[None]).numpy()
                             for e in reference["images"]])
    pixel_path = os.path.join(work_dir, "fixture-pixels.f32")
    pixels.astype(np.float32).tofile(pixel_path)
    report_path = os.path.join(work_dir, "decode-check.json")
    subprocess.run(["npx", "tsx", "tools/models/prefixlm/check-decode.ts", out_dir, os.path.join(fixture_dir, "reference.json"),
                    pixel_path, report_path], cwd=root, check=True)
    return json.load(open(report_path))


def fixture_accuracy(reference, ids):
    """Captions (every colour and shape named) and answers right on the fixture images (ids as words)."""
    captions = answers = 0
    for entry, caption_ids, answer_ids in zip(reference["images"], ids["caption_ids"], ids["answer_ids"]):
        captions += caption_right({"objects": entry["objects"], "horizontal": entry["horizontal"]}, caption_ids)[0]
        answers += answer_ids == entry["expected_answer"].split()
    return {"captions": captions, "answers": answers, "images": len(reference["images"])}


def choose_dtype(tokenizer, reference, report):
    """Compares fp32 (the PyTorch reference ids, which the fp32 ONNX files reproduce) with int8 on the fixture."""
    def words(ids):
        return {field: [[tokenizer.words[t] for t in row] for row in rows] for field, rows in ids.items()}
    fp32 = fixture_accuracy(reference, words({f: [e[f] for e in reference["images"]] for f in ("caption_ids", "answer_ids")}))
    q8 = fixture_accuracy(reference, words({f: report["q8"]["ids"][f] for f in ("caption_ids", "answer_ids")}))
    # The bundled model is small enough to ship in fp32: on WASM it decodes as fast as int8 (npm run bench), and its
    # label scores do not depend on batch-mates (int8's dynamic quantisation shares a scale across the batch).
    return "fp32", {"fp32": fp32, "q8": q8}
