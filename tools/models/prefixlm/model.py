"""Clipscope Mini PrefixLM (SimVLM's PrefixLM in miniature): a conv stem turns the image into N patch features; a
Transformer encoder reads [image features ; prefix token embeddings] with full attention; a Transformer decoder
with causal self-attention and cross-attention writes the suffix; the LM head is the token embedding, tied.
Written so that the decoder can run with and without a KV cache (the two branches of the exported decoder)."""
import math
from dataclasses import asdict, dataclass

import torch
from torch import nn

NEG = -1e9


@dataclass
class PrefixLMConfig:
    vocab_size: int
    image_size: int = 64
    d_model: int = 128
    heads: int = 4
    encoder_layers: int = 3
    decoder_layers: int = 3
    ffn: int = 256
    max_positions: int = 128
    stem: tuple = (32, 64, 128, 128)

    @property
    def num_image_tokens(self):
        return (self.image_size // 2 ** len(self.stem)) ** 2

    def to_dict(self):
        return {**asdict(self), "stem": list(self.stem), "num_image_tokens": self.num_image_tokens}


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads, self.hd = heads, d // heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))

    def split(self, x):  # [B, L, D] -> [B, H, L, hd]
        return x.reshape(x.shape[0], x.shape[1], self.heads, self.hd).transpose(1, 2)

    def attend(self, x, k, v, bias):
        q = self.split(self.q(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.hd) + bias
        out = torch.softmax(scores, -1) @ v
        return self.o(out.transpose(1, 2).reshape(x.shape[0], x.shape[1], -1))


def mlp(d, ffn):
    return nn.Sequential(nn.Linear(d, ffn), nn.GELU(), nn.Linear(ffn, d))


class EncoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.attn, self.mlp = Attention(cfg.d_model, cfg.heads), mlp(cfg.d_model, cfg.ffn)

    def forward(self, x, bias):
        h = self.ln1(x)
        x = x + self.attn.attend(h, self.attn.split(self.attn.k(h)), self.attn.split(self.attn.v(h)), bias)
        return x + self.mlp(self.ln2(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = (nn.LayerNorm(cfg.d_model) for _ in range(3))
        self.self_attn, self.cross_attn = Attention(cfg.d_model, cfg.heads), Attention(cfg.d_model, cfg.heads)
        self.mlp = mlp(cfg.d_model, cfg.ffn)

    def cross_kv(self, encoder_hidden):
        return self.cross_attn.split(self.cross_attn.k(encoder_hidden)), self.cross_attn.split(self.cross_attn.v(encoder_hidden))

    def forward(self, x, causal_bias, past_k, past_v, cross_k, cross_v, cross_bias):
        h = self.ln1(x)
        k = self.self_attn.split(self.self_attn.k(h))
        v = self.self_attn.split(self.self_attn.v(h))
        if past_k is not None:
            k, v = torch.cat([past_k, k], 2), torch.cat([past_v, v], 2)
        x = x + self.self_attn.attend(h, k, v, causal_bias)
        x = x + self.cross_attn.attend(self.ln2(x), cross_k, cross_v, cross_bias)
        return x + self.mlp(self.ln3(x)), k, v


class VisionStem(nn.Module):
    """Conv stages as the Mini CLIP's image tower (conv, batch norm, ReLU, twice per stage, the first with stride
    2): batch norm lets the stem learn colours and shapes within the first few hundred steps."""
    def __init__(self, cfg):
        super().__init__()
        layers, channels = [], 3
        for width in cfg.stem:
            layers += [nn.Conv2d(channels, width, 3, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                       nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
            channels = width
        self.convs = nn.Sequential(*layers)
        self.proj = nn.Linear(channels, cfg.d_model)
        self.pos = nn.Parameter(torch.randn(cfg.num_image_tokens, cfg.d_model) * 0.02)
        self.ln = nn.LayerNorm(cfg.d_model)

    def forward(self, pixels):  # [B,3,S,S] -> [B,N,D]
        features = self.convs(pixels).flatten(2).transpose(1, 2)
        return self.ln(self.proj(features) + self.pos)


def key_bias(mask):  # int [B, T] (1 = attend) -> additive [B, 1, 1, T]
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * NEG


def causal_bias(length, past):
    """Additive [l, P + l] bias: query i (position P + i) sees keys 0..P + i."""
    keys = torch.arange(length + past)
    queries = torch.arange(length) + past
    return (keys[None, :] > queries[:, None]).to(torch.float32) * NEG


class PrefixLM(nn.Module):
    def __init__(self, cfg: PrefixLMConfig):
        super().__init__()
        self.cfg = cfg
        d = cfg.d_model
        self.vision = VisionStem(cfg)
        self.embed = nn.Embedding(cfg.vocab_size, d)
        nn.init.normal_(self.embed.weight, std=0.02)
        self.enc_pos = nn.Parameter(torch.randn(cfg.max_positions, d) * 0.02)
        self.enc_type = nn.Parameter(torch.randn(2, d) * 0.02)  # 0 image, 1 text
        self.dec_pos = nn.Parameter(torch.randn(cfg.max_positions, d) * 0.02)
        self.encoder = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.encoder_layers))
        self.decoder = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.decoder_layers))
        self.enc_ln, self.dec_ln = nn.LayerNorm(d), nn.LayerNorm(d)

    def encode(self, inputs_embeds, attention_mask):
        """[image features ; prefix embeddings] -> hidden states, full attention over unpadded positions."""
        length = inputs_embeds.shape[1]
        is_text = (torch.arange(length) >= self.cfg.num_image_tokens).long()
        x = inputs_embeds + self.enc_pos[:length] + self.enc_type[is_text]
        bias = key_bias(attention_mask)
        for layer in self.encoder:
            x = layer(x, bias)
        return self.enc_ln(x)

    def cross_cache(self, encoder_hidden):
        return [layer.cross_kv(encoder_hidden) for layer in self.decoder]

    def decode(self, inputs_embeds, encoder_attention_mask, cross, past=None):
        """inputs_embeds [B,l,D]; cross: per layer (k, v); past: per layer (k, v) or None.
        Returns logits [B,l,V] and the per-layer self-attention (k, v) including the new positions."""
        length = inputs_embeds.shape[1]
        past_length = past[0][0].shape[2] if past is not None else 0
        x = inputs_embeds + self.dec_pos[past_length:past_length + length]
        bias, cross_bias = causal_bias(length, past_length), key_bias(encoder_attention_mask)
        presents = []
        for i, layer in enumerate(self.decoder):
            past_k, past_v = past[i] if past is not None else (None, None)
            x, k, v = layer(x, bias, past_k, past_v, cross[i][0], cross[i][1], cross_bias)
            presents.append((k, v))
        return self.dec_ln(x) @ self.embed.weight.t(), presents

    def encoder_inputs(self, pixels, prefix_ids, prefix_mask):
        """Image features followed by prefix embeddings; with fewer images than prefixes, each image serves
        len(prefixes) // len(images) consecutive prefixes (training pairs several texts with one image)."""
        image = self.vision(pixels)
        image = image.repeat_interleave(prefix_ids.shape[0] // image.shape[0], 0)
        ones = torch.ones(image.shape[:2], dtype=torch.long)
        return torch.cat([image, self.embed(prefix_ids)], 1), torch.cat([ones, prefix_mask], 1)

    def forward(self, pixels, prefix_ids, prefix_mask, decoder_ids):
        embeds, mask = self.encoder_inputs(pixels, prefix_ids, prefix_mask)
        hidden = self.encode(embeds, mask)
        return self.decode(self.embed(decoder_ids), mask, self.cross_cache(hidden))[0]
