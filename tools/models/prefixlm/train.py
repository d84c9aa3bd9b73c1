"""Trains the PrefixLM: each example is one image and one text split into prefix (encoder, after the image
features) and suffix (decoder, loss on the suffix only), sampled fresh every step (texts.training_text)."""
import math
import random
import time

import numpy as np
import torch
from torch import nn

from texts import training_text

CLIP_MEAN = np.array([0.48145466, 0.4578275, 0.40821073], np.float32)
CLIP_STD = np.array([0.26862954, 0.26130258, 0.27577711], np.float32)


def pixel_values(images):
    """uint8 [B,H,W,3] -> normalised float [B,3,H,W] (CLIPImageProcessor's rescale and normalise; the images
    already have the model's size, so its resize and crop are the identity)."""
    x = (images.astype(np.float32) / 255.0 - CLIP_MEAN) / CLIP_STD
    return torch.from_numpy(x.transpose(0, 3, 1, 2).copy())


def pad(rows, value):
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows], dtype=torch.long)


def text_batch(tokenizer, pairs, start_id):
    """pairs: (prefix words, suffix words) -> prefix ids + mask, decoder inputs, targets (pad = -100)."""
    prefixes = [[tokenizer.bos_id, *tokenizer.ids(p), tokenizer.eos_id] for p, _ in pairs]
    suffixes = [tokenizer.ids(s) for _, s in pairs]
    prefix_ids = pad(prefixes, tokenizer.pad_id)
    prefix_mask = pad([[1] * len(p) for p in prefixes], 0)
    decoder_ids = pad([[start_id, *s] for s in suffixes], tokenizer.pad_id)
    targets = pad([[*s, tokenizer.eos_id] for s in suffixes], -100)
    return prefix_ids, prefix_mask, decoder_ids, targets


LR = 1e-3
# Label smoothing keeps the decoder from learning "after red, never star" from the texts alone: with a floor
# under every token's target, no colour word can push a shape it never preceded further down than the image does.
LABEL_SMOOTHING = 0.1
TEXTS_PER_IMAGE = 2  # each image in a batch gets two texts, so the conv stem runs once for both


def train(model, tokenizer, images, metas, steps, batch, seed, start_id, budget_seconds, log=print):
    """Trains for `steps` steps or `budget_seconds`, whichever comes first: the learning-rate schedule follows the
    larger of the two progress fractions, so a loaded machine still ends with an annealed model."""
    rng = random.Random(seed)
    generator = np.random.default_rng(seed)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2 and "pos" not in n and "type" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.ndim >= 2 and "pos" not in n and "type" not in n)]
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": 0.02}, {"params": rest, "weight_decay": 0.0}],
                                  lr=LR, betas=(0.9, 0.98))
    warmup = 200
    started = time.time()

    def progress(step):
        return min(1.0, max(step / steps, (time.time() - started) / budget_seconds))
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=LABEL_SMOOTHING)
    model.train()
    running, step, skipped = None, 0, 0
    while progress(step) < 1.0:
        for group in optimiser.param_groups:
            group["lr"] = LR * min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * progress(step)))
        index = generator.integers(0, len(images), batch // TEXTS_PER_IMAGE)
        pairs = [training_text(metas[i], rng) for i in index for _ in range(TEXTS_PER_IMAGE)]
        prefix_ids, prefix_mask, decoder_ids, targets = text_batch(tokenizer, pairs, start_id)
        logits = model(pixel_values(images[index]), prefix_ids, prefix_mask, decoder_ids)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        optimiser.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        if not (torch.isfinite(loss) and torch.isfinite(norm)):
            skipped += 1  # a non-finite step would poison every weight; drop it
            step += 1
            continue
        optimiser.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 20 == 0:
            log(f"step {step} loss {running:.4f} ({time.time() - started:.0f} s, progress {progress(step):.3f})")
        step += 1
    log(f"trained {step} steps ({skipped} skipped as non-finite), loss {running:.4f}, {time.time() - started:.0f} s")
    model.eval()
    return time.time() - started, step, running
