"""A from-scratch CLIP in PyTorch (OpenAI layout): a ViT image tower and a causal text tower, each projected
into one embedding space, plus a learned temperature. Used for Clipscope Mini and for the ViT-B/32 twins."""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class VisionConfig:
    image_size: int
    patch_size: int
    width: int
    layers: int
    heads: int


@dataclass
class ConvConfig:
    """A small ResNet-style image tower (CLIP also shipped ResNet image encoders); trains fast on a CPU."""
    image_size: int
    widths: tuple


@dataclass
class TextConfig:
    vocab_size: int
    context_length: int
    width: int
    layers: int
    heads: int
    activation: str = "quick_gelu"


@dataclass
class ClipConfig:
    embed_dim: int
    vision: object  # VisionConfig or ConvConfig
    text: TextConfig

    def to_dict(self):
        return asdict(self)


class QuickGELU(nn.Module):
    # OpenAI CLIP's activation; the twins must match its compute exactly.
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, mask=None):
        batch, length, width = x.shape
        head_dim = width // self.heads
        qkv = self.qkv(x).reshape(batch, length, 3, self.heads, head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(head_dim))
        if mask is not None:
            scores = scores + mask
        mixed = scores.softmax(dim=-1) @ v
        return self.out(mixed.transpose(1, 2).reshape(batch, length, width))


class Block(nn.Module):
    def __init__(self, width, heads, activation="quick_gelu"):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        act = QuickGELU() if activation == "quick_gelu" else nn.GELU()
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), act, nn.Linear(4 * width, width))

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class VisionTower(nn.Module):
    def __init__(self, cfg: VisionConfig, embed_dim: int):
        super().__init__()
        grid = cfg.image_size // cfg.patch_size
        scale = cfg.width**-0.5
        self.patch = nn.Conv2d(3, cfg.width, cfg.patch_size, cfg.patch_size, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(cfg.width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(grid * grid + 1, cfg.width))
        self.ln_pre = nn.LayerNorm(cfg.width)
        self.blocks = nn.ModuleList(Block(cfg.width, cfg.heads) for _ in range(cfg.layers))
        self.ln_post = nn.LayerNorm(cfg.width)
        self.proj = nn.Linear(cfg.width, embed_dim, bias=False)

    def encode(self, pixel_values):
        """(image_embeds, last_hidden_state); the hidden state is the encoder's output before ln_post, as in
        Hugging Face's CLIPVisionModelWithProjection."""
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x)
        for block in self.blocks:
            x = block(x)
        return self.proj(self.ln_post(x[:, 0])), x

    def forward(self, pixel_values):
        return self.encode(pixel_values)[0]


class ConvTower(nn.Module):
    def __init__(self, cfg: ConvConfig, embed_dim: int):
        super().__init__()
        stages, channels = [], 3
        for width in cfg.widths:
            stages += [nn.Conv2d(channels, width, 3, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                       nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
            channels = width
        self.features = nn.Sequential(*stages)
        self.proj = nn.Linear(channels, embed_dim, bias=False)

    def forward(self, pixel_values):
        return self.proj(self.features(pixel_values).mean(dim=(2, 3)))


class TextTower(nn.Module):
    def __init__(self, cfg: TextConfig, embed_dim: int):
        super().__init__()
        self.token_embedding = nn.Embedding(cfg.vocab_size, cfg.width)
        self.positional_embedding = nn.Parameter(0.01 * torch.randn(cfg.context_length, cfg.width))
        self.blocks = nn.ModuleList(Block(cfg.width, cfg.heads, cfg.activation) for _ in range(cfg.layers))
        self.ln_final = nn.LayerNorm(cfg.width)
        self.proj = nn.Linear(cfg.width, embed_dim, bias=False)
        causal = torch.full((cfg.context_length, cfg.context_length), -1e9).triu(1)
        self.register_buffer("causal_mask", causal, persistent=False)
        nn.init.normal_(self.token_embedding.weight, std=0.02)

    def encode(self, input_ids):
        """(text_embeds, last_hidden_state); the hidden state is after ln_final, as in Hugging Face's
        CLIPTextModelWithProjection."""
        length = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.positional_embedding[:length]
        mask = self.causal_mask[:length, :length]
        for block in self.blocks:
            x = block(x, mask)
        x = self.ln_final(x)
        # Pool at the end-of-text token, which has the highest id (as in OpenAI CLIP); padding after it is
        # invisible to it because attention is causal.
        eos = input_ids.argmax(dim=-1)
        index = eos.reshape(-1, 1, 1).expand(-1, 1, x.shape[-1])
        return self.proj(torch.gather(x, 1, index).squeeze(1)), x

    def forward(self, input_ids):
        return self.encode(input_ids)[0]


class Clip(nn.Module):
    def __init__(self, cfg: ClipConfig):
        super().__init__()
        self.cfg = cfg
        tower = ConvTower if isinstance(cfg.vision, ConvConfig) else VisionTower
        self.vision = tower(cfg.vision, cfg.embed_dim)
        self.text = TextTower(cfg.text, cfg.embed_dim)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def encode_image(self, pixel_values):
        return F.normalize(self.vision(pixel_values), dim=-1)

    def encode_text(self, input_ids):
        return F.normalize(self.text(input_ids), dim=-1)

    def contrastive_loss(self, pixel_values, input_ids):
        """CLIP's symmetric cross-entropy over the in-batch similarity matrix."""
        image = self.encode_image(pixel_values)
        text = self.encode_text(input_ids)
        logits = self.logit_scale.exp().clamp(max=100) * image @ text.t()
        target = torch.arange(len(logits), device=logits.device)
        return (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2


class ImageEmbeds(nn.Module):
    """Export wrapper: pixel_values -> image_embeds (unnormalised, like the Xenova exports)."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.vision = clip.vision

    def forward(self, pixel_values):
        return self.vision(pixel_values)


class TextEmbeds(nn.Module):
    def __init__(self, clip: Clip):
        super().__init__()
        self.text = clip.text

    def forward(self, input_ids):
        return self.text(input_ids)


class ImageEmbedsWithHidden(nn.Module):
    """Export wrapper with optimum's CLIPVisionModelWithProjection outputs: image_embeds, last_hidden_state."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.vision = clip.vision

    def forward(self, pixel_values):
        return self.vision.encode(pixel_values)


class TextEmbedsWithHidden(nn.Module):
    """Export wrapper with optimum's CLIPTextModelWithProjection outputs: text_embeds, last_hidden_state."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.text = clip.text

    def forward(self, input_ids):
        return self.text.encode(input_ids)


class FullClip(nn.Module):
    """Export wrapper in the layout of Hugging Face's CLIPModel (onnx/model.onnx, what transformers.js's
    zero-shot pipeline loads): normalised embeddings and both logit matrices, scaled by the trained temperature."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.clip = clip

    def forward(self, input_ids, pixel_values):
        text = F.normalize(self.clip.text(input_ids), dim=-1)
        image = F.normalize(self.clip.vision(pixel_values), dim=-1)
        logits_per_image = self.clip.logit_scale.exp() * image @ text.t()
        return logits_per_image, logits_per_image.t(), text, image
