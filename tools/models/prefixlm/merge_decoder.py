"""Merges a no-past and a with-past decoder into decoder_model_merged.onnx, as optimum's merge does: one outer
graph whose inputs are the union of both, an If on `use_cache_branch` (then: with past, else: without), each
branch a subgraph reading outer names, and the weights stored once as outer initialisers (deduplicated by
content). The with-past branch passes the encoder past through as the encoder presents."""
import hashlib

import onnx
from onnx import TensorProto, helper, numpy_helper


def _branch(graph, tag, shared, outer_names, outputs, extra_nodes=()):
    """Turns a traced graph into an If branch: initialisers go to `shared`, inner values get a `tag/` prefix."""
    rename = {}
    for init in graph.initializer:
        array = numpy_helper.to_array(init)
        key = (init.data_type, tuple(init.dims), hashlib.sha1(array.tobytes()).hexdigest())
        if key not in shared:
            tensor = numpy_helper.from_array(array, f"shared_{len(shared)}")
            shared[key] = tensor
        rename[init.name] = shared[key].name
    for node in list(graph.node) + list(extra_nodes):
        for name in node.output:
            if name and name not in outer_names:
                rename.setdefault(name, f"{tag}/{name}")
    nodes = []
    for node in list(graph.node) + list(extra_nodes):
        node.input[:] = [rename.get(x, x) for x in node.input]
        node.output[:] = [rename.get(x, x) for x in node.output]
        node.name = f"{tag}/{node.name or node.op_type}"
        nodes.append(node)
    branch_outputs = [helper.make_tensor_value_info(rename.get(o, o), TensorProto.FLOAT, None) for o in outputs]
    return helper.make_graph(nodes, f"{tag}_branch", [], branch_outputs)


def merge_decoders(no_past_path, with_past_path, target, layers):
    no_past, with_past = onnx.load(no_past_path), onnx.load(with_past_path)
    outputs = [o.name for o in no_past.graph.output]
    inputs = list(no_past.graph.input) + [i for i in with_past.graph.input if i.name.startswith("past_key_values")]
    inputs.append(helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1]))
    outer_names = {i.name for i in inputs}
    shared = {}
    else_branch = _branch(no_past.graph, "no_past", shared, outer_names, outputs)
    passthrough = [helper.make_node("Identity", [f"past_key_values.{i}.encoder.{part}"],
                                    [f"present.{i}.encoder.{part}"], name=f"pass_encoder_{i}_{part}")
                   for i in range(layers) for part in ("key", "value")]
    then_branch = _branch(with_past.graph, "with_past", shared, outer_names, outputs, passthrough)
    node = helper.make_node("If", ["use_cache_branch"], outputs, name="optimum::if",
                            then_branch=then_branch, else_branch=else_branch)
    graph = helper.make_graph([node], "decoder_model_merged", inputs, list(no_past.graph.output),
                              list(shared.values()))
    model = helper.make_model(graph, opset_imports=no_past.opset_import, producer_name="clipscope")
    model.ir_version = no_past.ir_version
    onnx.checker.check_model(model)
    onnx.save(model, target)
