"""Writes public/models/clipscope-mini-prefixlm/README.md from the measured figures."""
import os

from shapes_data import HELD_OUT
from texts import LEFT_FIRST_SHARE, QUESTION_KINDS


def _pct(entry):
    if entry["total"] == 0:
        return "-"  # the question does not apply to these scenes ("where" needs two shapes)
    return f"{100 * entry['accuracy']:.1f}% ({entry['correct']}/{entry['total']})"


def _sizes(out_dir):
    onnx_dir = os.path.join(out_dir, "onnx")
    files = sorted(os.listdir(onnx_dir))
    rows = [f"| `onnx/{f}` | {os.path.getsize(os.path.join(onnx_dir, f)) / 1e6:.2f} MB |" for f in files]
    total = sum(os.path.getsize(os.path.join(root, f)) for root, _, names in os.walk(out_dir) for f in names
                if f != "README.md")
    return rows, total


def _met(value, target):
    return f"met (target {100 * target:.0f}%)" if value >= target else f"**not met** (target {100 * target:.0f}%)"


def write_card(out_dir, cfg, training, results, decode, default_dtype):
    r = results
    seen1, held1, seen2, held2 = (r[k] for k in ("test1-seen", "test1-held", "test2-seen", "test2-held"))
    size_rows, total = _sizes(out_dir)
    vqa_rows = []
    for qtype in QUESTION_KINDS:
        cells = [_pct(r[k][f"vqa_{qtype}"]) for k in ("test1-seen", "test1-held", "test2-seen", "test2-held")]
        vqa_rows.append(f"| {qtype} | " + " | ".join(cells) + " |")
    def worst(key, kinds):
        return min(r[k][key]["accuracy"] for k in kinds)
    targets = [
        ("single-shape captions, seen pairs", seen1["captions_attributes"]["accuracy"], 0.97),
        ("single-shape captions, held-out pairs", held1["captions_attributes"]["accuracy"], 0.90),
        ("VQA colour questions (lowest of the four test sets)", worst("vqa_colour", r), 0.95),
        ("VQA shape questions (lowest of the four test sets)", worst("vqa_shape", r), 0.95),
        ("two-shape captions fully right, seen pairs", seen2["captions_fully_right"]["accuracy"], 0.80),
        ("two-shape captions fully right, with a held-out pair", held2["captions_fully_right"]["accuracy"], 0.80),
    ]
    target_rows = [f"| {name} | {100 * value:.1f}% | {_met(value, t)} |" for name, value, t in targets]
    held = ", ".join(" ".join(p) for p in HELD_OUT)
    q8, fa = decode["q8"], decode["fixture_accuracy"]
    text = f"""# Clipscope Mini PrefixLM

A captioning and question-answering model trained by Clipscope's own tools (`npm run models:prefixlm`) with
SimVLM's **PrefixLM** objective, on the same rendered shapes world as Clipscope Mini (six shapes in eight colours,
one or two shapes per image, named, gradient or noisy backgrounds). It is a demonstration model: it knows only
these pictures and these sentences. All figures below were measured by the tool on freshly rendered test images.

## How it works

- **Image encoder**: a small conv stem turns the {cfg.image_size}x{cfg.image_size} image into
  {cfg.num_image_tokens} patch features of width {cfg.d_model}.
- **Encoder** ({cfg.encoder_layers} Transformer layers, {cfg.heads} heads): reads [image features ; prefix tokens]
  with full (bidirectional) attention, learned positions and an image/text type embedding.
- **Decoder** ({cfg.decoder_layers} layers): causal self-attention, cross-attention to the encoder, LM head tied to
  the token embedding. Vocabulary: {cfg.vocab_size} whole words.
- **Training**: every text is split at a random word; the first part (the prefix) goes to the encoder after the
  image, the decoder predicts the rest, and the loss covers only that rest. At least 30% of captions have an empty prefix
  (plain captioning); questions are split after `answer:` most of the time. {training['steps']} steps of
  {training['batch']} examples, {training['train_images']} training images, seed {training['seed']},
  {training['threads']} CPU thread{'s' if training['threads'] != 1 else ''} (at most {training.get('max_steps', training['steps'])} steps or
  {training.get('budget_minutes', 0):.0f} min): {training['train_seconds'] / 60:.1f} min of training on a shared 2-core machine
  ({training['parameters']:,} parameters). {training.get('note', '')}
- **Label smoothing 0.1** on the suffix loss. Without it the decoder learns from the texts alone that a colour word is
  never followed by the shapes it was never seen with ("red" -> never "star"), and names a held-out pair's shape
  wrongly even when the image shows it.
- **Word order**: {100 * LEFT_FIRST_SHARE:.0f}% of two-shape captions name the left (or upper) object first, the rest
  use the inverse form ("a blue square right of a red star"). With both orders equally likely the greedy caption
  picked either object first and then had to recall where that object lies, which this small model did little
  better than chance.
- **Held-out pairs** never appear in a training image: {held}.

## Prompts

| prompt (encoder prefix) | output |
| --- | --- |
| (empty) | a caption: `{seen1['examples'][0]}` |
| `question: what colour is the star? answer:` | `red` |
| `question: what shape is the red one? answer:` | `star` |
| `question: how many shapes are there? answer:` | `one` / `two` |
| `question: is there a triangle? answer:` | `yes` / `no` |
| `question: where is the red circle? answer:` (two shapes) | `left of the blue square` |
| any start of a caption (`a photo of a red`) | its continuation |

Label likelihood: the mean log-probability per token of a label's words as the continuation of the template's
prefix (`a photo of a`), softmax over labels.

## Measured accuracy (PyTorch fp32, greedy, {seen1['captions_attributes']['total']} images per test set)

| | one shape, seen | one shape, held-out | two shapes, seen | two shapes, one held-out |
| --- | --- | --- | --- | --- |
| caption names every colour and shape | {_pct(seen1['captions_attributes'])} | {_pct(held1['captions_attributes'])} | {_pct(seen2['captions_attributes'])} | {_pct(held2['captions_attributes'])} |
| caption fully right (two shapes: both objects and their relative position) | | | {_pct(seen2['captions_fully_right'])} | {_pct(held2['captions_fully_right'])} |
| zero-shot classification by likelihood (48 labels) | {_pct(seen1['likelihood_zero_shot'])} | {_pct(held1['likelihood_zero_shot'])} | | |

VQA accuracy per question type (exact answer):

| question | one shape, seen | one shape, held-out | two shapes, seen | two shapes, one held-out |
| --- | --- | --- | --- | --- |
{chr(10).join(vqa_rows)}

Targets:

| target | measured | |
| --- | --- | --- |
{chr(10).join(target_rows)}

## Files and checks

Florence-2's layout in transformers.js: `vision_encoder` (pixel_values -> image_features), `embed_tokens`,
`encoder_model` (inputs_embeds, attention_mask -> last_hidden_state) and `decoder_model_merged` (KV cache,
`use_cache_branch`), each also as an int8 `_quantized` file (dynamic int8 MatMul / Conv, int8 embedding tables).

| file | size |
| --- | --- |
{chr(10).join(size_rows)}

All files together: {total / 1e6:.2f} MB.

- onnxruntime-node decoding with the KV cache gives the PyTorch greedy ids on all
  {decode['fp32']['sequences'] - decode['fp32']['mismatches']}/{decode['fp32']['sequences']} fixture sequences (50 images: captions,
  answers, continuations); uncached vs cached decoder logits differ by at most {decode['cached_vs_uncached_max_logit_gap']:.1e};
  batched right-padded label scoring matches the per-label reference within {decode['batched_likelihood_max_gap']:.1e}.
- int8 vs fp32 on the same sequences: {100 * q8['token_agreement']:.1f}% of tokens, {100 * q8['caption_agreement']:.0f}% of
  captions and {100 * q8['sequence_agreement']:.0f}% of all sequences identical; on the 50 fixture images int8 gets
  {fa['q8']['captions']} captions and {fa['q8']['answers']} answers right, fp32 {fa['fp32']['captions']} and {fa['fp32']['answers']}.
  Default dtype: **{default_dtype}**: on WASM int8 decodes no faster (`npm run bench -- --only prefixlm`), and fp32
  label scores do not depend on batch-mates.
"""
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(text)
