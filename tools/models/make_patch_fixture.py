"""Tiny quantised patch embeddings (DynamicQuantizeLinear -> ConvInteger with stride = kernel -> Cast -> Mul), the
pattern of a quantised ViT's first layer, for the tests of src/model/onnx/patch-embedding.ts. Writes
tests/fixtures/patch-embedding/*.onnx. Run: /usr/bin/python3 tools/models/make_patch_fixture.py"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "../../tests/fixtures/patch-embedding")
EDGE, KERNEL, CHANNELS, OUT_CHANNELS = 16, 4, 3, 8


def patch_model(weight_type):
    rng = np.random.default_rng(7)
    shape = (OUT_CHANNELS, CHANNELS, KERNEL, KERNEL)
    if weight_type == np.int8:
        weight = rng.integers(-127, 128, shape, dtype=np.int8)
        zero = np.array(0, np.int8)
    else:
        weight = rng.integers(0, 256, shape, dtype=np.uint8)
        zero = np.array(131, np.uint8)  # ONNX Runtime's ConvInteger takes only a per-tensor weight zero point
    initializers = [
        numpy_helper.from_array(weight, "W_q"),
        numpy_helper.from_array(zero, "W_zero"),
        numpy_helper.from_array(np.array(0.02, np.float32), "W_scale"),
    ]
    nodes = [
        helper.make_node("DynamicQuantizeLinear", ["pixel_values"], ["x_q", "x_scale", "x_zero"]),
        helper.make_node("ConvInteger", ["x_q", "W_q", "x_zero", "W_zero"], ["y_int"], name="/vision/patch/Conv",
                         kernel_shape=[KERNEL, KERNEL], strides=[KERNEL, KERNEL], pads=[0, 0, 0, 0],
                         dilations=[1, 1], group=1),
        helper.make_node("Cast", ["y_int"], ["y_float"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["x_scale", "W_scale"], ["scale"]),
        helper.make_node("Mul", ["y_float", "scale"], ["image_embeds"]),
    ]
    graph = helper.make_graph(
        nodes, "patch_embedding",
        [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch_size", CHANNELS, EDGE, EDGE])],
        [helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT,
                                       ["batch_size", OUT_CHANNELS, EDGE // KERNEL, EDGE // KERNEL])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="clipscope-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    onnx.save(patch_model(np.int8), os.path.join(OUT, "int8.onnx"))
    onnx.save(patch_model(np.uint8), os.path.join(OUT, "uint8-zero-131.onnx"))
    print("wrote", sorted(os.listdir(OUT)))
