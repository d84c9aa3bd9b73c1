"""Weight-only 4-bit quantisation to ONNX Runtime's MatMulNBits (com.microsoft), the "q4" variant transformers.js
offers (ONNX Runtime's own MatMul4BitsQuantizer cannot be installed here). Every MatMul whose weight is a float
initialiser [K, N] becomes MatMulNBits: the weight stored as symmetric 4-bit codes in blocks of BLOCK along K, one
float scale per block, zero point 8 (the default, so none is stored). accuracy_level 4 lets ONNX Runtime compute
with int8 activations (its fast CPU path); 0 keeps float activations. Other ops (the patch Conv, attention's
activation x activation MatMuls) stay float.

usage: quantize_4bit.py <float model.onnx> <target.onnx> [accuracy_level, default 4]
With no arguments (npm run models:q4): both variants of the ViT-B/32 twin's vision tower, for `npm run bench`, in
.models-extra/ (kept apart from .models/, which checkouts may share)."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from quantize import replace_graph

BLOCK = 32
BITS = 4


def pack_4bit(weight):
    """[K, N] float -> (codes uint8 [N, K/BLOCK, BLOCK/2], scales float32 [N * K/BLOCK])."""
    k, n = weight.shape
    blocks = weight.T.reshape(n, k // BLOCK, BLOCK)
    scales = np.abs(blocks).max(axis=2) / 7.0
    scales[scales == 0] = 1.0
    codes = (np.clip(np.round(blocks / scales[:, :, None]), -8, 7) + 8).astype(np.uint8)
    # Two codes per byte, low nibble first along K.
    packed = codes[:, :, 0::2] | (codes[:, :, 1::2] << 4)
    return packed, scales.astype(np.float32).reshape(-1)


def dequantise(packed, scales, k):
    """The inverse, for the self-check: float [K, N]."""
    n = packed.shape[0]
    codes = np.empty((n, k // BLOCK, BLOCK), np.float32)
    codes[:, :, 0::2] = packed & 15
    codes[:, :, 1::2] = packed >> 4
    return ((codes - 8) * scales.reshape(n, -1, 1)).reshape(n, k).T


def quantise_4bit(source, target, accuracy_level=4):
    model = onnx.load(source)
    graph = model.graph
    weights = {i.name: i for i in graph.initializer}
    nodes, added, used = [], [], 0
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or weight.data_type != TensorProto.FLOAT or len(weight.dims) != 2 or weight.dims[0] % BLOCK:
            nodes.append(node)
            continue
        w = numpy_helper.to_array(weight)
        k, n = w.shape
        packed, scales = pack_4bit(w)
        error = np.abs(dequantise(packed, scales, k) - w).max()
        assert error <= np.abs(w).max() / 7 / 2 + 1e-6, f"{node.name}: 4-bit round trip off by {error}"
        name = f"{node.name or 'MatMul'}_q4_{used}"
        added += [numpy_helper.from_array(packed, f"{name}_B"), numpy_helper.from_array(scales, f"{name}_scales")]
        nodes.append(helper.make_node("MatMulNBits", [node.input[0], f"{name}_B", f"{name}_scales"], list(node.output),
                                      name=name, domain="com.microsoft", K=k, N=n, bits=BITS, block_size=BLOCK,
                                      accuracy_level=accuracy_level))
        used += 1
    replace_graph(graph, nodes, added)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, target)
    return used


TWIN = "Xenova/clip-vit-base-patch32"
DEFAULT_JOBS = (("_q4", 4), ("_q4f32", 0))

if __name__ == "__main__" and len(sys.argv) == 1:
    import os
    source = os.path.join(".models/hub", TWIN, "onnx/vision_model.onnx")
    target_dir = os.path.join(".models-extra/hub", TWIN, "onnx")
    if not os.path.exists(source):
        sys.exit("The ViT-B/32 twin is missing: run `npm run models:twins` first.")
    os.makedirs(target_dir, exist_ok=True)
    for suffix, level in DEFAULT_JOBS:
        target = os.path.join(target_dir, f"vision_model{suffix}.onnx")
        print(f"{target}: 4-bit quantised {quantise_4bit(source, target, level)} MatMuls (accuracy_level {level})")
elif __name__ == "__main__":
    level = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    print(f"4-bit quantised {quantise_4bit(sys.argv[1], sys.argv[2], level)} MatMuls (accuracy_level {level})")
