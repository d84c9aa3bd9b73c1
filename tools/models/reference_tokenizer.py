"""OpenAI CLIP's byte-level BPE written out independently of the app, reading vocab.json and merges.txt. It follows
what tokenizer.json specifies: normaliser NFC, whitespace runs -> one space, lowercase; pre-tokeniser CLIP's
pattern ('s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+, whitespace dropped) matched with
unicodedata categories (the `regex` module is not installed); bytes mapped to unicode as in GPT-2; BPE with
"</w>" on each word's last symbol; <|startoftext|> ... <|endoftext|>, truncated to 77 keeping end-of-text.

    /usr/bin/python3 tools/models/reference_tokenizer.py [TOKENIZER_DIR]   prints {"cases": [{text, ids}]} as JSON
"""
import json
import os
import sys
import unicodedata

from tokenizer_corpus import corpus

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openai-clip-tokenizer")
CONTEXT_LENGTH = 77
# Unicode White_Space (what \s means in the regex engines tokenizers use), not Python's str.isspace.
WHITESPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}
CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")
SPECIALS = ("<|startoftext|>", "<|endoftext|>")


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = printable[:], 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return dict(zip(printable, map(chr, chars)))


def is_letter(ch):
    return unicodedata.category(ch).startswith("L")


def is_number(ch):
    return unicodedata.category(ch).startswith("N")


def normalise(text):
    text = unicodedata.normalize("NFC", text)
    out, in_space = [], False
    for ch in text:
        if ch in WHITESPACE:
            if not in_space:
                out.append(" ")
            in_space = True
        else:
            out.append(ch)
            in_space = False
    return "".join(out).lower()


def pre_tokenise(text):
    """The matches of CLIP's pattern, leftmost first, alternatives in the pattern's order."""
    pieces, i = [], 0
    while i < len(text):
        special = next((s for s in SPECIALS if text.startswith(s, i)), None)
        contraction = next((c for c in CONTRACTIONS if text.startswith(c, i)), None)
        ch = text[i]
        if special or contraction:
            end = i + len(special or contraction)
        elif is_letter(ch):
            end = i + 1
            while end < len(text) and is_letter(text[end]):
                end += 1
        elif is_number(ch):
            end = i + 1
        elif ch not in WHITESPACE:
            end = i + 1
            while end < len(text) and not (text[end] in WHITESPACE or is_letter(text[end]) or is_number(text[end])):
                end += 1
        else:
            i += 1
            continue
        pieces.append(text[i:end])
        i = end
    return pieces


class ClipBpe:
    def __init__(self, directory=DEFAULT_DIR):
        with open(os.path.join(directory, "vocab.json"), encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(os.path.join(directory, "merges.txt"), encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        merges = [tuple(line.split(" ")) for line in lines if line and not line.startswith("#version")]
        self.ranks = {pair: rank for rank, pair in enumerate(merges)}
        self.byte_map = bytes_to_unicode()
        self.cache = {}

    def bpe(self, word):
        """OpenAI's merge loop: repeatedly join the adjacent pair with the lowest merge rank, everywhere."""
        if word in self.cache:
            return self.cache[word]
        symbols = list(word[:-1]) + [word[-1] + "</w>"]
        while len(symbols) > 1:
            pairs = {(a, b) for a, b in zip(symbols, symbols[1:])}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(symbols):
                if i < len(symbols) - 1 and (symbols[i], symbols[i + 1]) == best:
                    merged.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            symbols = merged
        self.cache[word] = symbols
        return symbols

    def encode(self, text):
        ids = []
        for piece in pre_tokenise(normalise(text)):
            if piece in SPECIALS:
                ids.append(self.vocab[piece])
                continue
            word = "".join(self.byte_map[b] for b in piece.encode("utf-8"))
            ids += [self.vocab[symbol] for symbol in self.bpe(word)]
        ids = [self.vocab["<|startoftext|>"]] + ids + [self.vocab["<|endoftext|>"]]
        if len(ids) > CONTEXT_LENGTH:
            ids = ids[: CONTEXT_LENGTH - 1] + [self.vocab["<|endoftext|>"]]
        return ids


if __name__ == "__main__":
    bpe = ClipBpe(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR)
    json.dump({"cases": [{"text": t, "ids": bpe.encode(t)} for t in corpus()]}, sys.stdout, ensure_ascii=True)
