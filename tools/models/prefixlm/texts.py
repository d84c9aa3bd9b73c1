"""Training texts for the PrefixLM: captions of one- and two-shape scenes (several templates, including the
"a photo of a ..." forms the app's likelihood scoring continues) and questions with answers. Every text is a list
of words; `split` turns one into (prefix words, suffix words) as SimVLM's PrefixLM objective does."""
from shapes_data import BACKGROUNDS, COLOURS, SHAPES

from scenes import relation, size_word

QUESTION, ANSWER = ["question", ":"], ["answer", ":"]
LIKELIHOOD_PREFIX = "a photo of a"
EMPTY_PREFIX_SHARE = 0.3
ANSWER_SPLIT_SHARE = 0.85
PHOTO_SPLIT_SHARE = 0.5
# "where is the ...?" questions per two-shape scene, against the other kinds' weights: they teach the decoder to
# bind a named object to its place, which captions alone ("a X left of a Y" in either order) teach slowly.
WHERE_WEIGHT = 2
# Two-shape captions name the left (or upper) object first this often, as people usually describe a scene, and the
# other way round ("a blue square right of a red star") otherwise. Greedy captions then follow the usual order, so
# the decoder reads the left object first instead of recalling where a freely chosen first object lies (the "where"
# questions still train and measure that binding in both directions).
LEFT_FIRST_SHARE = 0.8
QUESTION_KINDS = ("colour", "shape", "count", "exists", "where")  # what question() asks; evaluation reports each


def noun(colour, shape, size=None):
    return ["a", *([size] if size else []), *colour.split(), shape]


def caption(meta, rng):
    objects, background = meta["objects"], meta["background"].split()
    roll = rng.random()
    if len(objects) == 1:
        (colour, shape), size = objects[0], size_word(meta, 0)
        if roll < 0.5:
            return noun(colour, shape, size) + ["on", *background]
        if roll < 0.75:
            return ["a", "photo", "of", *noun(colour, shape)]
        if roll < 0.85:
            return ["a", "photo", "of", *noun(colour, shape), "on", *background]
        return noun(colour, shape, size)
    a = noun(*objects[0], size_word(meta, 0))
    b = noun(*objects[1], size_word(meta, 1))
    forward, inverse = relation(meta)
    described = a + forward.split() + b if rng.random() < LEFT_FIRST_SHARE else b + inverse.split() + a
    if roll < 0.65:
        return described + ["on", *background]
    if roll < 0.8:
        return described
    first, second = (objects[0], objects[1]) if rng.random() < 0.5 else (objects[1], objects[0])
    return ["a", "photo", "of", *noun(*first), "and", *noun(*second)]


def question(meta, rng):
    """(question words, answer words, question type)."""
    objects = meta["objects"]
    colours, shapes = [o[0] for o in objects], [o[1] for o in objects]
    kinds = ["count", "exists"]
    if len(set(shapes)) == len(shapes):
        kinds += ["colour", "colour"]
    if len(set(colours)) == len(colours):
        kinds += ["shape", "shape"]
    if len(objects) == 2 and objects[0] != objects[1]:
        kinds += ["where"] * WHERE_WEIGHT
    kind = rng.choice(kinds)
    pick = rng.randrange(len(objects))
    if kind == "where":
        forward, inverse = relation(meta)
        other = objects[1 - pick]
        return (["where", "is", "the", *noun(*objects[pick])[1:], "?"],
                [*(forward if pick == 0 else inverse).split(), "the", *noun(*other)[1:]], kind)
    if kind == "colour":
        return ["what", "colour", "is", "the", shapes[pick], "?"], colours[pick].split(), kind
    if kind == "shape":
        return ["what", "shape", "is", "the", *colours[pick].split(), "one", "?"], [shapes[pick]], kind
    if kind == "count":
        return ["how", "many", "shapes", "are", "there", "?"], [["one", "two"][len(objects) - 1]], kind
    asked = rng.choice(shapes) if rng.random() < 0.5 else rng.choice(SHAPES)
    return ["is", "there", "a", asked, "?"], ["yes" if asked in shapes else "no"], kind


def question_prefix(words):
    return QUESTION + words + ANSWER


def training_text(meta, rng):
    """(prefix words, suffix words) for one training example."""
    if rng.random() < 0.45:
        words, answer, _ = question(meta, rng)
        full = question_prefix(words)
        if rng.random() < ANSWER_SPLIT_SHARE:
            return full, answer
        return split(full + answer, rng)
    words = caption(meta, rng)
    if words[:3] == ["a", "photo", "of"] and rng.random() < PHOTO_SPLIT_SHARE:
        return words[:4], words[4:]
    if rng.random() < EMPTY_PREFIX_SHARE:
        return [], words
    return split(words, rng)


def split(words, rng):
    k = rng.randrange(len(words))  # the suffix keeps at least one word
    return words[:k], words[k:]


def vocabulary_words():
    """Every word the texts use, in a fixed order (the tokenizer's ids follow it)."""
    words = ["a", "photo", "of", "on", "background", "gradient", "noisy", "and", "small", "large", "left", "right",
             "above", "below", "question", "answer", ":", "?", "what", "colour", "shape", "is", "the", "one", "how",
             "many", "shapes", "are", "there", "two", "yes", "no"]
    for name in [*COLOURS, *SHAPES, *BACKGROUNDS]:
        words += name.split()
    return list(dict.fromkeys([*words, "where"]))  # added last, so the older words keep their ids


def likelihood_labels():
    return [f"{c} {s}" for c in COLOURS for s in SHAPES]
