"""Fixtures for batch-independent int8 and for binding a tower's inputs and outputs by name:

- tests/fixtures/int8-vit: a tiny ViT CLIP in the Hub layout (random weights, fixed seed; the Mini's tokenizer),
  fp32 and int8 (tools/models/quantize.py, ONNX Runtime's quantize_dynamic pattern), whose int8 vision tower goes
  through the patch-embedding and per-sample rewrites;
- tests/fixtures/per-sample: small DynamicQuantizeLinear -> MatMulInteger graphs with int8 weights, uint8
  weights with zero point 131, per-column zero points, a batch-keeping reshape in between, and a padded
  ConvInteger the rewrite must leave alone;
- tests/fixtures/tower-io: towers with an attention_mask input, extra outputs in another order, SigLIP's
  pooler_output, and outputs with names no reader knows.

Run: /usr/bin/python3 tools/models/make_int8_fixtures.py (npm run models:int8-fixtures)"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from clip_model import Clip, ClipConfig, TextConfig, VisionConfig  # noqa: E402
from hub_files import export_onnx, preprocessor_config, write_json  # noqa: E402
from quantize import quantise  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
MINI = os.path.join(ROOT, "public", "models", "clipscope-mini")
TINY_VIT = ClipConfig(32, VisionConfig(64, 16, 64, 2, 2), TextConfig(82, 32, 64, 2, 2, "gelu"))


def tiny_vit(out):
    torch.manual_seed(13)
    model = Clip(TINY_VIT).eval()
    text_path, vision_path = export_onnx(model, os.path.join(out, "onnx"), 64)
    for path in (text_path, vision_path):
        quantise(path, path.replace(".onnx", "_quantized.onnx"))
    with open(os.path.join(MINI, "config.json")) as f:
        config = json.load(f)
    config["projection_dim"] = TINY_VIT.embed_dim
    config["clipscope"] = {"logit_scale": 100.0, "note": "random weights: a tiny ViT for the int8 tests"}
    config["text_config"].update(hidden_size=64, num_hidden_layers=2, num_attention_heads=2)
    config["vision_config"] = {"image_size": 64, "patch_size": 16, "hidden_size": 64, "num_hidden_layers": 2}
    write_json(os.path.join(out, "config.json"), config)
    write_json(os.path.join(out, "preprocessor_config.json"), preprocessor_config(64))
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(MINI, name), os.path.join(out, name))


def save(model, path):
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def graph_model(nodes, inputs, outputs, initializers, opset=17):
    graph = helper.make_graph(nodes, "fixture", inputs, outputs, initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="clipscope-tests")


def rescaled(name, x_scale, weight_scale, nodes):
    """Cast -> Mul(x_scale * w_scale) after a MatMulInteger, as quantize_dynamic writes it."""
    nodes += [helper.make_node("Cast", [f"{name}_int"], [f"{name}_float"], to=TensorProto.FLOAT),
              helper.make_node("Mul", [x_scale, weight_scale], [f"{name}_scale"]),
              helper.make_node("Mul", [f"{name}_float", f"{name}_scale"], [name])]


def mixed_weights(opset):
    """x [N, 6, 16] -> one DynamicQuantizeLinear -> three MatMulIntegers (int8; uint8 with zero point 131; uint8
    with a zero point per column) and, through a batch-keeping Reshape, a fourth; the sum of all four."""
    rng = np.random.default_rng(3)
    k, n = 16, 8
    weights = {
        "int8": (rng.integers(-127, 128, (k, n), dtype=np.int8), np.array(0, np.int8)),
        "uint8": (rng.integers(0, 256, (k, n), dtype=np.uint8), np.array(131, np.uint8)),
        "columns": (rng.integers(0, 256, (k, n), dtype=np.uint8), rng.integers(100, 160, (n,), dtype=np.uint8)),
        "reshaped": (rng.integers(-127, 128, (2 * k, 3 * n), dtype=np.int8), np.array(0, np.int8)),
    }
    initializers = [numpy_helper.from_array(np.array(0.013, np.float32), "w_scale"),
                    numpy_helper.from_array(np.array([0, 3, 2 * k], np.int64), "pairs")]
    nodes = [helper.make_node("DynamicQuantizeLinear", ["x"], ["x_q", "x_scale", "x_zero"], name="quant")]
    for name, (weight, zero) in weights.items():
        initializers += [numpy_helper.from_array(weight, f"{name}_w"), numpy_helper.from_array(zero, f"{name}_zero")]
        a = "x_q"
        if name == "reshaped":
            nodes.append(helper.make_node("Reshape", ["x_q", "pairs"], ["x_pairs"]))
            a = "x_pairs"
        nodes.append(helper.make_node("MatMulInteger", [a, f"{name}_w", "x_zero", f"{name}_zero"], [f"{name}_int"]))
        rescaled(name, "x_scale", "w_scale", nodes)
    nodes += [helper.make_node("Concat", ["int8", "uint8", "columns"], ["wide"], axis=2),
              helper.make_node("ReduceSum", ["reshaped", "one"], ["reshaped_sum"], keepdims=1),
              helper.make_node("Add", ["wide", "reshaped_sum"], ["out"])]
    initializers.append(numpy_helper.from_array(np.array([1], np.int64), "one"))
    return graph_model(nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 6, k])],
                       [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", 6, 3 * n])],
                       initializers, opset)


def padded_conv():
    """A DynamicQuantizeLinear feeding a padded 3x3 ConvInteger (the Mini's pattern): not rewritable."""
    rng = np.random.default_rng(5)
    initializers = [numpy_helper.from_array(rng.integers(-127, 128, (4, 3, 3, 3), dtype=np.int8), "w"),
                    numpy_helper.from_array(np.array(0, np.int8), "w_zero"),
                    numpy_helper.from_array(np.array(0.02, np.float32), "w_scale")]
    nodes = [helper.make_node("DynamicQuantizeLinear", ["x"], ["x_q", "x_scale", "x_zero"]),
             helper.make_node("ConvInteger", ["x_q", "w", "x_zero", "w_zero"], ["conv_int"], kernel_shape=[3, 3],
                              pads=[1, 1, 1, 1])]
    rescaled("conv", "x_scale", "w_scale", nodes)
    return graph_model(nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 8, 8])],
                       [helper.make_tensor_value_info("conv", TensorProto.FLOAT, ["batch", 4, 8, 8])], initializers)


def text_tower(outputs, mask=True):
    """input_ids [N, S] (and attention_mask) -> each output is the row sum of ids * mask (as float) plus an offset
    per output, so a test can tell which output it read and whether the mask arrived."""
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])]
    nodes = []
    masked = "input_ids"
    if mask:
        inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]))
        nodes.append(helper.make_node("Mul", ["input_ids", "attention_mask"], ["masked"]))
        masked = "masked"
    nodes += [helper.make_node("Cast", [masked], ["ids_float"], to=TensorProto.FLOAT),
              helper.make_node("ReduceSum", ["ids_float", "axis1"], ["sums"], keepdims=1)]
    initializers, infos = [numpy_helper.from_array(np.array([1], np.int64), "axis1")], []
    for index, name in enumerate(outputs):
        initializers.append(numpy_helper.from_array(np.array([1000.0 * index, 0.5], np.float32), f"{name}_offset"))
        nodes.append(helper.make_node("Add", ["sums", f"{name}_offset"], [name]))
        infos.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 2]))
    return graph_model(nodes, inputs, infos, initializers)


def vision_tower(outputs):
    """pixel_values [N, 3, 4, 4] -> each output is the per-image sum plus 1000 * its index."""
    nodes = [helper.make_node("ReduceSum", ["pixel_values", "axes"], ["sums"], keepdims=0),
             helper.make_node("Unsqueeze", ["sums", "axis1"], ["column"])]
    initializers = [numpy_helper.from_array(np.array([1], np.int64), "axis1"),
                    numpy_helper.from_array(np.array([1, 2, 3], np.int64), "axes")]
    infos = []
    for index, name in enumerate(outputs):
        initializers.append(numpy_helper.from_array(np.array([1000.0 * index, 0.5], np.float32), f"{name}_offset"))
        nodes.append(helper.make_node("Add", ["column", f"{name}_offset"], [name]))
        infos.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 2]))
    pixels = helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 4, 4])
    return graph_model(nodes, [pixels], infos, initializers)


def main():
    tiny_vit(os.path.join(FIXTURES, "int8-vit"))
    per_sample = os.path.join(FIXTURES, "per-sample")
    os.makedirs(per_sample, exist_ok=True)
    save(mixed_weights(17), os.path.join(per_sample, "mixed-weights-opset17.onnx"))
    save(mixed_weights(18), os.path.join(per_sample, "mixed-weights-opset18.onnx"))
    save(padded_conv(), os.path.join(per_sample, "padded-conv.onnx"))
    tower_io = os.path.join(FIXTURES, "tower-io")
    os.makedirs(tower_io, exist_ok=True)
    save(text_tower(["last_hidden_state", "text_embeds"]), os.path.join(tower_io, "text-mask-extra-output.onnx"))
    save(text_tower(["last_hidden_state", "pooler_output"], mask=False), os.path.join(tower_io, "text-pooler.onnx"))
    save(text_tower(["embeddings"], mask=False), os.path.join(tower_io, "text-unknown-output.onnx"))
    save(vision_tower(["last_hidden_state", "image_embeds"]), os.path.join(tower_io, "vision-extra-output.onnx"))
    save(vision_tower(["features", "hidden"]), os.path.join(tower_io, "vision-unknown-output.onnx"))
    print("wrote", FIXTURES + "/{int8-vit,per-sample,tower-io}")


if __name__ == "__main__":
    main()
