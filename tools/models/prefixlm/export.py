"""Exports the PrefixLM as transformers.js loads Florence-2: onnx/vision_encoder, embed_tokens, encoder_model and
decoder_model_merged (a no-past and a with-past decoder traced from the same module, merged under an If on
use_cache_branch by merge_decoder.py), each with an int8 `_quantized` twin."""
import os

import torch
from torch import nn

from merge_decoder import merge_decoders
from quantize import quantise

OPSET = 17


class VisionEncoder(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model.vision(pixel_values)


class EmbedTokens(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        return self.model.embed(input_ids)


class Encoder(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, inputs_embeds, attention_mask):
        return self.model.encode(inputs_embeds, attention_mask)


class DecoderNoPast(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, encoder_attention_mask, encoder_hidden_states, inputs_embeds):
        cross = self.model.cross_cache(encoder_hidden_states)
        logits, presents = self.model.decode(inputs_embeds, encoder_attention_mask, cross)
        return (logits, *[t for (k, v), (ck, cv) in zip(presents, cross) for t in (k, v, ck, cv)])


class DecoderWithPast(nn.Module):
    """Inputs after inputs_embeds: per layer decoder key, value, encoder key, value. Outputs the logits and the
    decoder presents; the merge passes the encoder past through as the encoder presents."""
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, encoder_attention_mask, inputs_embeds, *past):
        layers = len(self.model.decoder)
        self_past = [(past[4 * i], past[4 * i + 1]) for i in range(layers)]
        cross = [(past[4 * i + 2], past[4 * i + 3]) for i in range(layers)]
        logits, presents = self.model.decode(inputs_embeds, encoder_attention_mask, cross, self_past)
        return (logits, *[t for k, v in presents for t in (k, v)])


def kv_names(prefix, layers, kinds=("decoder", "encoder")):
    return [f"{prefix}.{i}.{kind}.{part}" for i in range(layers) for kind in kinds for part in ("key", "value")]


def export_all(model, onnx_dir, work_dir):
    """Writes the four fp32 files and their int8 twins; returns the list of written paths."""
    os.makedirs(onnx_dir, exist_ok=True)
    os.makedirs(work_dir, exist_ok=True)
    cfg, model = model.cfg, model.eval()
    layers, heads, hd = cfg.decoder_layers, cfg.heads, cfg.d_model // cfg.heads
    batch, n, prefix, t, l = 2, cfg.num_image_tokens, 5, cfg.num_image_tokens + 5, 3
    path = lambda name: os.path.join(onnx_dir, f"{name}.onnx")  # noqa: E731
    b_axes = {0: "batch_size"}
    with torch.no_grad():
        torch.onnx.export(VisionEncoder(model), (torch.randn(batch, 3, cfg.image_size, cfg.image_size),),
                          path("vision_encoder"), input_names=["pixel_values"], output_names=["image_features"],
                          opset_version=OPSET, dynamic_axes={"pixel_values": b_axes, "image_features": b_axes})
        torch.onnx.export(EmbedTokens(model), (torch.ones(batch, prefix, dtype=torch.long),), path("embed_tokens"),
                          input_names=["input_ids"], output_names=["inputs_embeds"], opset_version=OPSET,
                          dynamic_axes={n_: {0: "batch_size", 1: "sequence_length"} for n_ in ("input_ids", "inputs_embeds")})
        seq = {0: "batch_size", 1: "encoder_sequence_length"}
        torch.onnx.export(Encoder(model), (torch.randn(batch, t, cfg.d_model), torch.ones(batch, t, dtype=torch.long)),
                          path("encoder_model"), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["last_hidden_state"], opset_version=OPSET,
                          dynamic_axes={"inputs_embeds": seq, "attention_mask": seq, "last_hidden_state": seq})
        mask, hidden = torch.ones(batch, t, dtype=torch.long), torch.randn(batch, t, cfg.d_model)
        embeds = torch.randn(batch, l, cfg.d_model)
        dec = {0: "batch_size", 1: "decoder_sequence_length"}
        present_axes = {name: {0: "batch_size", 2: "past_decoder_sequence_length + 1" if ".decoder." in name
                               else "encoder_sequence_length"} for name in kv_names("present", layers)}
        no_past = os.path.join(work_dir, "decoder_model.onnx")
        torch.onnx.export(DecoderNoPast(model), (mask, hidden, embeds), no_past,
                          input_names=["encoder_attention_mask", "encoder_hidden_states", "inputs_embeds"],
                          output_names=["logits", *kv_names("present", layers)], opset_version=OPSET,
                          dynamic_axes={"encoder_attention_mask": seq, "encoder_hidden_states": seq,
                                        "inputs_embeds": dec, "logits": dec, **present_axes})
        past = []
        for i in range(layers):
            past += [torch.randn(batch, heads, 4, hd), torch.randn(batch, heads, 4, hd),
                     torch.randn(batch, heads, t, hd), torch.randn(batch, heads, t, hd)]
        past_axes = {name: {0: "batch_size", 2: "past_decoder_sequence_length" if ".decoder." in name
                            else "encoder_sequence_length"} for name in kv_names("past_key_values", layers)}
        with_past = os.path.join(work_dir, "decoder_with_past_model.onnx")
        torch.onnx.export(DecoderWithPast(model), (mask, embeds[:, :1], *past), with_past,
                          input_names=["encoder_attention_mask", "inputs_embeds", *kv_names("past_key_values", layers)],
                          output_names=["logits", *kv_names("present", layers, ("decoder",))], opset_version=OPSET,
                          dynamic_axes={"encoder_attention_mask": seq, "inputs_embeds": dec, "logits": dec,
                                        **past_axes, **{k: v for k, v in present_axes.items() if ".decoder." in k}})
    # torch.onnx.export restores each wrapper's training flag afterwards, and a fresh wrapper is in training mode:
    # that would leave the model's batch norms on batch statistics for everything after the export.
    model.eval()
    written = []
    for name in ("vision_encoder", "embed_tokens", "encoder_model"):
        quantise(path(name), path(f"{name}_quantized"))
        written += [path(name), path(f"{name}_quantized")]
    for suffix in ("", "_quantized"):
        sources = [no_past, with_past]
        if suffix:
            sources = [s.replace(".onnx", "_quantized.onnx") for s in sources]
            quantise(no_past, sources[0])
            quantise(with_past, sources[1])
        merge_decoders(sources[0], sources[1], path(f"decoder_model_merged{suffix}"), layers)
        written.append(path(f"decoder_model_merged{suffix}"))
    return written
