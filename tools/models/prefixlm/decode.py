"""PyTorch reference decoding of the PrefixLM, written without a KV cache (every step re-runs the whole decoder
sequence) so it is independent of the exported cached path: greedy, beam search and label likelihoods."""
import torch


def encode_images(model, tokenizer, pixels, prefix_text):
    """Encoder states and mask for a batch of images that share one prefix text."""
    ids = torch.tensor([tokenizer.encode(prefix_text)] * pixels.shape[0])
    embeds, mask = model.encoder_inputs(pixels, ids, torch.ones_like(ids))
    return model.encode(embeds, mask), mask


def _logits(model, hidden, mask, tokens):
    cross = model.cross_cache(hidden)
    return model.decode(model.embed(tokens), mask, cross)[0]


@torch.no_grad()
def greedy(model, tokenizer, pixels, prefix_text, start_id, max_tokens=32):
    """Generated ids per image (without the start token and the end token)."""
    hidden, mask = encode_images(model, tokenizer, pixels, prefix_text)
    tokens = torch.full((pixels.shape[0], 1), start_id, dtype=torch.long)
    done = torch.zeros(pixels.shape[0], dtype=torch.bool)
    for _ in range(max_tokens):
        step = _logits(model, hidden, mask, tokens)[:, -1].argmax(-1)
        step = torch.where(done, torch.full_like(step, tokenizer.pad_id), step)
        tokens = torch.cat([tokens, step[:, None]], 1)
        done |= step == tokenizer.eos_id
        if done.all():
            break
    return [[t for t in row[1:] if t not in (tokenizer.eos_id, tokenizer.pad_id)]
            for row in (r.tolist() for r in tokens)]


BEAM_RULE = ("each step every live hypothesis is extended by every token; the `beams` best extensions by summed "
             "log-probability (ties: earlier hypothesis, then lower token id) are kept; those ending in the end token "
             "are finished and leave the live set; stop when no hypothesis is live or after max tokens; the answer is "
             "the finished or live hypothesis with the highest summed log-probability (end token included, no length "
             "penalty)")


@torch.no_grad()
def beam_search(model, tokenizer, pixels_one, prefix_text, start_id, beams, max_tokens=32):
    """Ids of the best hypothesis for one image ([1,3,S,S]) under BEAM_RULE."""
    hidden, mask = encode_images(model, tokenizer, pixels_one, prefix_text)
    live, finished = [([], 0.0)], []
    for _ in range(max_tokens):
        tokens = torch.tensor([[start_id, *seq] for seq, _ in live])
        count = len(live)
        logits = _logits(model, hidden.expand(count, -1, -1), mask.expand(count, -1), tokens)[:, -1]
        logp = torch.log_softmax(logits, -1).tolist()
        candidates = [(score + logp[b][t], b, t) for b, (_, score) in enumerate(live) for t in range(len(logp[b]))]
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        extended = []
        for score, b, t in candidates[:beams]:
            (finished if t == tokenizer.eos_id else extended).append((live[b][0] + [t], score))
        live = extended
        if not live:
            break
    best = max(finished + live, key=lambda h: h[1])
    return [t for t in best[0] if t != tokenizer.eos_id]


@torch.no_grad()
def label_log_probs(model, tokenizer, pixels_one, prefix_text, labels, start_id):
    """Mean log-probability per label token of each label continuing the prefix (no end token)."""
    hidden, mask = encode_images(model, tokenizer, pixels_one, prefix_text)
    scores = []
    for label in labels:
        ids = tokenizer.encode(label, special=False)
        logp = torch.log_softmax(_logits(model, hidden, mask, torch.tensor([[start_id, *ids]]))[0], -1)
        scores.append(sum(float(logp[k, t]) for k, t in enumerate(ids)) / len(ids))
    return scores
