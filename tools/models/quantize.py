"""Dynamic int8 quantisation with the op pattern of ONNX Runtime's quantize_dynamic (which cannot be installed
here): weights stored as int8 with a per-tensor scale, activations quantised at run time by
DynamicQuantizeLinear, products computed by MatMulInteger / ConvInteger, then rescaled to float. Embedding
tables (Gather) are stored as int8 and dequantised after the lookup."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

QUANTISED_OPS = ("MatMul", "Conv", "Gather")
WEIGHT_INPUT = {"MatMul": 1, "Conv": 1, "Gather": 0}


def replace_graph(graph, nodes, added):
    """Swaps in the rewritten nodes and new initialisers, dropping the initialisers nothing reads any more."""
    del graph.node[:]
    graph.node.extend(nodes)
    referenced = {i for n in graph.node for i in n.input}
    kept = [i for i in graph.initializer if i.name in referenced]
    del graph.initializer[:]
    graph.initializer.extend(kept + added)


def _quantise_weight(weight):
    scale = float(np.abs(weight).max()) / 127.0 or 1.0
    q = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
    return q, np.float32(scale)


def _rewrite(node, weight, graph_nodes, initialisers, index):
    """Appends the quantised replacement of `node` to graph_nodes."""
    name = f"{node.name or node.op_type}_q{index}"
    q, scale = _quantise_weight(weight)
    initialisers += [numpy_helper.from_array(q, f"{name}_W_int8"),
                     numpy_helper.from_array(np.array(scale, np.float32), f"{name}_W_scale"),
                     numpy_helper.from_array(np.array(0, np.int8), f"{name}_W_zero")]
    if node.op_type == "Gather":
        attributes = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        graph_nodes += [
            helper.make_node("Gather", [f"{name}_W_int8", node.input[1]], [f"{name}_rows"], name=f"{name}_gather",
                             **attributes),
            helper.make_node("DequantizeLinear", [f"{name}_rows", f"{name}_W_scale", f"{name}_W_zero"],
                             [node.output[0]], name=f"{name}_dequant"),
        ]
        return
    x = node.input[0]
    graph_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [f"{name}_x", f"{name}_x_scale", f"{name}_x_zero"],
                                        name=f"{name}_quant"))
    integer_inputs = [f"{name}_x", f"{name}_W_int8", f"{name}_x_zero", f"{name}_W_zero"]
    if node.op_type == "MatMul":
        graph_nodes.append(helper.make_node("MatMulInteger", integer_inputs, [f"{name}_int32"], name=f"{name}_matmul"))
    else:
        attributes = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        graph_nodes.append(helper.make_node("ConvInteger", integer_inputs, [f"{name}_int32"], name=f"{name}_conv",
                                            **attributes))
    graph_nodes += [
        helper.make_node("Cast", [f"{name}_int32"], [f"{name}_float"], to=TensorProto.FLOAT, name=f"{name}_cast"),
        helper.make_node("Mul", [f"{name}_x_scale", f"{name}_W_scale"], [f"{name}_scale"], name=f"{name}_scale_mul"),
    ]
    has_bias = node.op_type == "Conv" and len(node.input) > 2 and node.input[2]
    scaled = f"{name}_scaled" if has_bias else node.output[0]
    graph_nodes.append(helper.make_node("Mul", [f"{name}_float", f"{name}_scale"], [scaled], name=f"{name}_rescale"))
    if has_bias:
        shape = numpy_helper.from_array(np.array([1, -1, 1, 1], np.int64), f"{name}_bias_shape")
        initialisers.append(shape)
        graph_nodes += [helper.make_node("Reshape", [node.input[2], shape.name], [f"{name}_bias"], name=f"{name}_bias_reshape"),
                        helper.make_node("Add", [scaled, f"{name}_bias"], [node.output[0]], name=f"{name}_bias_add")]


def quantise(source, target):
    model = onnx.load(source)
    graph = model.graph
    weights = {i.name: i for i in graph.initializer}
    nodes, added, used = [], [], 0
    for node in graph.node:
        weight = weights.get(node.input[WEIGHT_INPUT[node.op_type]]) if node.op_type in QUANTISED_OPS else None
        if weight is not None and weight.data_type == TensorProto.FLOAT and len(weight.dims) in (2, 4):
            _rewrite(node, numpy_helper.to_array(weight), nodes, added, used)
            used += 1
        else:
            nodes.append(node)
    replace_graph(graph, nodes, added)
    onnx.checker.check_model(model)
    onnx.save(model, target)
    return used


if __name__ == "__main__":
    print(f"quantised {quantise(sys.argv[1], sys.argv[2])} weight ops")
