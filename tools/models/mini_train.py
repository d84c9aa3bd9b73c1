"""Contrastive pre-training of Clipscope Mini on the shapes data (CPU, fixed seed)."""
import math
import random
import time

import numpy as np
import torch

from captions import caption
from clip_model import Clip
from hub_files import CLIP_MEAN, CLIP_STD
from shapes_data import COLOURS, HELD_OUT, SHAPES

MEAN = torch.tensor(CLIP_MEAN).view(1, 3, 1, 1)
STD = torch.tensor(CLIP_STD).view(1, 3, 1, 1)


def to_pixels(images_uint8):
    x = torch.from_numpy(images_uint8).permute(0, 3, 1, 2).float() / 255.0
    return (x - MEAN) / STD


def pad_batch(token_lists, pad_id):
    length = max(len(t) for t in token_lists)
    return torch.tensor([t + [pad_id] * (length - len(t)) for t in token_lists])


@torch.no_grad()
def zero_shot(model, tokenizer, images, metas, template="a photo of a {}."):
    """Top-1 over the 48 colour-shape labels, split into seen and held-out pairs."""
    model.eval()
    labels = [(c, s) for c in COLOURS for s in SHAPES]
    text = model.encode_text(pad_batch([tokenizer.encode(template.format(f"{c} {s}")) for c, s in labels],
                                       tokenizer.eot_id))
    image = torch.cat([model.encode_image(to_pixels(images[i:i + 256])) for i in range(0, len(images), 256)])
    predicted = (image @ text.t()).argmax(dim=1).tolist()
    hits = {"seen": [], "held_out": []}
    for meta, p in zip(metas, predicted):
        truth = tuple(meta["objects"][0])
        hits["held_out" if truth in HELD_OUT else "seen"].append(labels[p] == truth)
    model.train()
    return {k: float(np.mean(v)) for k, v in hits.items()}


def train(model: Clip, tokenizer, images, metas, steps, batch, seed, val=None, log=print):
    rng = random.Random(seed)
    torch.manual_seed(seed)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2 and "embedding" not in n]
    other = [p for n, p in model.named_parameters() if not (p.ndim >= 2 and "embedding" not in n)]
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": other, "weight_decay": 0}],
                                  lr=1e-3, betas=(0.9, 0.98), eps=1e-6)
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (steps - warmup))))
    model.train()
    started = time.time()
    for step in range(steps):
        index = [rng.randrange(len(images)) for _ in range(batch)]
        pixels = to_pixels(images[sorted(index)])
        chosen = [metas[i] for i in sorted(index)]
        ids = pad_batch([tokenizer.encode(caption(m, rng)) for m in chosen], tokenizer.eot_id)
        loss = model.contrastive_loss(pixels, ids)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, math.log(100))
        if step % 100 == 0 or step == steps - 1:
            line = f"step {step}/{steps} loss {loss.item():.3f} scale {model.logit_scale.exp().item():.1f} " \
                   f"{(step + 1) * batch / (time.time() - started):.0f} img/s"
            if val is not None and (step % 500 == 0 or step == steps - 1):
                line += f" zero-shot {zero_shot(model, tokenizer, *val)}"
            log(line)
    model.eval()
    return time.time() - started
