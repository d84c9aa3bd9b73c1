"""Writes the Mini's model card from the measured training and evaluation figures."""
import json
import os

from clip_model import ClipConfig
from shapes_data import BACKGROUNDS, COLOURS, HELD_OUT, SHAPES

TEMPLATE = os.path.join(os.path.dirname(__file__), "mini_card_template.md")


def _pct(x):
    return f"{100 * x:.2f}%"


def _accuracy_rows(report):
    rows = []
    for dtype in ("fp32", "q8"):
        for prompt, figures in report[dtype]["accuracy"].items():
            cells = ", ".join(f"{k.replace('_', ' ')} {_pct(v)}" for k, v in figures.items())
            rows.append(f"| {dtype} | `{prompt}` | {cells} |")
    return "\n".join(rows)


def _speed_rows(report):
    rows = []
    for dtype in ("fp32", "q8"):
        s = report[dtype]["speed"]
        rows.append(f"| {dtype} | {s['image_ms_batch1']:.2f} | {s['image_ms_per_image_batch8']:.2f} | "
                    f"{s['text_ms_per_label_batch48']:.3f} |")
    return "\n".join(rows)


def _browser_rows(browser):
    rows = []
    for run in browser["runs"]:
        backend = "WebGPU (SwiftShader, software)" if run["ep"] == "webgpu" else f"WASM, {run['threads']} threads"
        rows.append(f"| {backend} | {run['imageMs']:.1f} | {run['textMs']:.1f} | {run['sessionCreateMs']:.0f} |")
    return "\n".join(rows)


def write_card(out_dir, training, report, browser):
    config = json.load(open(os.path.join(out_dir, "config.json")))
    sizes = "\n".join(f"| `onnx/{name}` | {size / 1e6:.2f} MB |" for name, size in sorted(report["sizes"].items()))
    text = open(TEMPLATE).read().format(
        colours=", ".join(COLOURS), shapes=", ".join(SHAPES), backgrounds=", ".join(BACKGROUNDS),
        held_out=", ".join(f"{c} {s}" for c, s in HELD_OUT), architecture=json.dumps(config["clipscope"]["architecture"]),
        steps=training["steps"], batch=training["batch"], train_images=training["train_images"],
        seed=training["seed"], data_seconds=training["data_seconds"], train_seconds=training["train_seconds"],
        total_seconds=training["total_seconds"], logit_scale=f"{training['logit_scale']:.2f}",
        test_images=report["test_images"], accuracy_rows=_accuracy_rows(report), speed_rows=_speed_rows(report),
        size_rows=sizes, browser_rows=_browser_rows(browser),
        browser_diff=f"{browser['maxAbsDiffWasmVsWebgpu']:.1e}", total_mb=f"{report['total_bytes'] / 1e6:.2f}",
    )
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(text)
