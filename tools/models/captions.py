"""Caption templates for the shapes data. Every word a template can produce is in the Mini vocabulary."""
import random

SYNONYMS = {
    "circle": ["circle", "round shape", "disc"],
    "square": ["square", "four-sided shape", "box"],
    "triangle": ["triangle", "three-sided shape"],
    "star": ["star", "five-pointed star"],
    "hexagon": ["hexagon", "six-sided shape"],
    "cross": ["cross", "plus sign", "plus"],
}
SINGLE = [
    "a {c} {s}", "a {c} {s}.", "a photo of a {c} {s}.", "a photo of a {z} {c} {s}.", "{c} {s}",
    "an image of a {c} {s}", "a drawing of a {c} {s}", "a picture of a {z} {c} {s}", "a {z} {c} {s}",
    "a {c} {s} on {b}", "a photo of a {c} {s} on {b}.", "a {c} {syn}", "a {c} {syn} on {b}",
    "a {s} coloured {c}", "a {s} that is {c}", "the {s} is {c}.", "a {c} {s} in the {p}",
    "a rendering of a {c} {s}.", "a close-up photo of a {c} {s}.", "a simple {c} {s}", "one {c} {s}",
    "a {z} {s}, {c}", "a photo of the {c} {s}.", "this is a {c} {s}.", "a {c} {s} near the {p}",
]
# Partial descriptions teach colour-only and shape-only prompts.
COLOUR_ONLY = ["a {c} shape", "a photo of a {c} shape.", "something {c}", "a {c} object on {b}"]
SHAPE_ONLY = ["a {s}", "a photo of a {s}.", "a {z} {s}", "a {s} on {b}"]
PAIR = [
    "two shapes: a {c1} {s1} and a {c2} {s2}", "a {c1} {s1} and a {c2} {s2}", "a photo of a {c1} {s1} and a {c2} {s2}.",
    "a {c1} {s1} next to a {c2} {s2}", "a {c1} {s1} with a {c2} {s2} on {b}", "two shapes, a {c1} {s1} and a {c2} {s2}.",
]
ORDERED_PAIR = ["a {c1} {s1} to the left of a {c2} {s2}", "a {c1} {s1} above a {c2} {s2}"]
# Words outside the vocabulary, so the model learns to ignore unknown tokens.
DISTRACTORS = ["shiny", "fuzzy", "vintage", "blurry", "tiny-ish", "neat", "bold", "flat", "glossy", "odd"]


def _size_word(radius):
    return "small" if radius < 0.24 else "large" if radius > 0.32 else "medium"


def _position(centre):
    x, y = centre
    col = "left" if x < 0.38 else "right" if x > 0.62 else ""
    row = "top" if y < 0.38 else "bottom" if y > 0.62 else ""
    return f"{row} {col}".strip() or "centre"


def caption(meta, rng: random.Random):
    objects, background = meta["objects"], meta["background"]
    if len(objects) == 2:
        (c1, s1), (c2, s2) = objects
        if rng.random() < 0.25:
            template = ORDERED_PAIR[0] if meta["horizontal"] else ORDERED_PAIR[1]
            order_first = (meta["centre"][0][0] < meta["centre"][1][0]) if meta["horizontal"] else (
                meta["centre"][0][1] < meta["centre"][1][1])
            if not order_first:
                (c1, s1), (c2, s2) = (c2, s2), (c1, s1)
        else:
            template = rng.choice(PAIR)
            if rng.random() < 0.5:
                (c1, s1), (c2, s2) = (c2, s2), (c1, s1)
        text = template.format(c1=c1, s1=s1, c2=c2, s2=s2, b=background)
    else:
        colour, shape = objects[0]
        roll = rng.random()
        pool = COLOUR_ONLY if roll < 0.07 else SHAPE_ONLY if roll < 0.14 else SINGLE
        text = rng.choice(pool).format(
            c=colour, s=shape, syn=rng.choice(SYNONYMS[shape]), b=background,
            z=_size_word(meta["radius"][0]), p=_position(meta["centre"][0]))
    if rng.random() < 0.05:
        words = text.split(" ")
        words.insert(rng.randrange(len(words) + 1), rng.choice(DISTRACTORS))
        text = " ".join(words)
    return text


def vocabulary_words():
    """All words the templates can produce, as the pre-tokenizer splits them."""
    from shapes_data import BACKGROUNDS, COLOURS, SHAPES
    import re
    texts = SINGLE + COLOUR_ONLY + SHAPE_ONLY + PAIR + ORDERED_PAIR
    texts += list(COLOURS) + SHAPES + list(BACKGROUNDS) + [w for v in SYNONYMS.values() for w in v]
    texts += ["small medium large left right top bottom centre", "a gradient background a noisy background"]
    words = set()
    for text in texts:
        words.update(re.findall(r"\w+|[^\w\s]", re.sub(r"\{\w+\}", " ", text).lower()))
    return sorted(words)
