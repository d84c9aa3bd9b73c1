"""Writes a CLIP model in the Hugging Face Hub layout that transformers.js uses: config.json,
preprocessor_config.json, tokenizer files and onnx/{text,vision}_model.onnx."""
import json
import os

import torch

from clip_model import Clip, FullClip, ImageEmbeds, ImageEmbedsWithHidden, TextEmbeds, TextEmbedsWithHidden

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
OPSET = 17


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def preprocessor_config(image_size, crop_size=None):
    crop = crop_size or image_size
    return {
        "crop_size": {"height": crop, "width": crop},
        "do_center_crop": True,
        "do_convert_rgb": True,
        "do_normalize": True,
        "do_rescale": True,
        "do_resize": True,
        "feature_extractor_type": "CLIPFeatureExtractor",
        "image_processor_type": "CLIPImageProcessor",
        "image_mean": CLIP_MEAN,
        "image_std": CLIP_STD,
        "resample": 3,
        "rescale_factor": 1 / 255,
        "size": {"shortest_edge": image_size},
    }


def _sample_ids(clip: Clip, text_length):
    """Two prompts of `text_length` tokens ending in end-of-text (the highest id), for tracing the text tower."""
    eot = clip.cfg.text.vocab_size - 1
    return torch.tensor([[eot - 1] + [1] * (text_length - 2) + [eot]] * 2)


def export_onnx(clip: Clip, onnx_dir, image_size, text_length=8, published=False):
    """Exports both towers with dynamic batch (and sequence) axes; returns the two file paths. With `published`,
    the towers have the signatures transformers.js loads from the Xenova CLIP repos (optimum's
    CLIPVisionModelWithProjection / CLIPTextModelWithProjection configs): pixel_values -> image_embeds,
    last_hidden_state; input_ids (no attention mask) -> text_embeds, last_hidden_state."""
    os.makedirs(onnx_dir, exist_ok=True)
    clip.eval()
    text_path, vision_path = os.path.join(onnx_dir, "text_model.onnx"), os.path.join(onnx_dir, "vision_model.onnx")
    hidden = {"last_hidden_state": {0: "batch_size", 1: "sequence_length"}} if published else {}
    pixel_axes = {0: "batch_size", 1: "num_channels", 2: "height", 3: "width"} if published else {0: "batch_size"}
    with torch.no_grad():
        torch.onnx.export((TextEmbedsWithHidden if published else TextEmbeds)(clip), (_sample_ids(clip, text_length),),
                          text_path, input_names=["input_ids"], output_names=["text_embeds", *hidden],
                          opset_version=OPSET,
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                                        "text_embeds": {0: "batch_size"}, **hidden})
        pixels = torch.randn(2, 3, image_size, image_size)
        torch.onnx.export((ImageEmbedsWithHidden if published else ImageEmbeds)(clip), (pixels,), vision_path,
                          input_names=["pixel_values"], output_names=["image_embeds", *hidden], opset_version=OPSET,
                          dynamic_axes={"pixel_values": pixel_axes, "image_embeds": {0: "batch_size"}, **hidden})
    return text_path, vision_path


def export_full_onnx(clip: Clip, onnx_dir, image_size, text_length=8):
    """onnx/model.onnx: both towers in one graph with CLIPModel's inputs and outputs (for transformers.js)."""
    clip.eval()
    path = os.path.join(onnx_dir, "model.onnx")
    input_ids = _sample_ids(clip, text_length)
    pixels = torch.randn(3, 3, image_size, image_size)
    with torch.no_grad():
        torch.onnx.export(FullClip(clip), (input_ids, pixels), path, input_names=["input_ids", "pixel_values"],
                          output_names=["logits_per_image", "logits_per_text", "text_embeds", "image_embeds"],
                          opset_version=OPSET,
                          dynamic_axes={"input_ids": {0: "text_batch_size", 1: "sequence_length"},
                                        "pixel_values": {0: "image_batch_size"},
                                        "logits_per_image": {0: "image_batch_size", 1: "text_batch_size"},
                                        "logits_per_text": {0: "text_batch_size", 1: "image_batch_size"},
                                        "text_embeds": {0: "text_batch_size"},
                                        "image_embeds": {0: "image_batch_size"}})
    return path
