"""The PrefixLM's tokenizer: one token per word or punctuation mark (a whole-word WordPiece vocabulary), written
as a tokenizer.json that @huggingface/tokenizers loads. Special ids as BART / Florence-2: <s>=0, <pad>=1,
</s>=2, <unk>=3; encode() with special tokens gives "<s> words </s>"."""
import re

BOS, PAD, EOS, UNK = "<s>", "<pad>", "</s>", "<unk>"
SPECIALS = [BOS, PAD, EOS, UNK]


class WordTokenizer:
    def __init__(self, words):
        self.vocab = {token: i for i, token in enumerate(SPECIALS)}
        for word in words:
            self.vocab.setdefault(word, len(self.vocab))
        self.words = {i: w for w, i in self.vocab.items()}

    bos_id, pad_id, eos_id, unk_id = 0, 1, 2, 3

    @staticmethod
    def split_words(text):
        """Mirror of the tokenizer.json normaliser and pre-tokeniser (checked with @huggingface/tokenizers)."""
        return re.findall(r"\w+|[^\w\s]", text.lower())

    def ids(self, words):
        return [self.vocab.get(w, self.unk_id) for w in words]

    def encode(self, text, special=True):
        ids = self.ids(self.split_words(text))
        return [self.bos_id, *ids, self.eos_id] if special else ids

    def decode(self, ids):
        text = " ".join(self.words[i] for i in ids if i > self.unk_id)
        return re.sub(r" ([?.,!])", r"\1", text)

    def tokenizer_json(self):
        def special(token):
            return {"id": self.vocab[token], "content": token, "single_word": False, "lstrip": False,
                    "rstrip": False, "normalized": False, "special": True}

        def template(token):
            return {"SpecialToken": {"id": token, "type_id": 0}}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [special(t) for t in SPECIALS],
            "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "Lowercase"}]},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [template(BOS), {"Sequence": {"id": "A", "type_id": 0}}, template(EOS)],
                "pair": [template(BOS), {"Sequence": {"id": "A", "type_id": 0}}, template(EOS),
                         {"Sequence": {"id": "B", "type_id": 0}}, template(EOS)],
                "special_tokens": {t: {"id": t, "ids": [self.vocab[t]], "tokens": [t]} for t in (BOS, EOS)},
            },
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": UNK, "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": 100, "vocab": self.vocab},
        }

    def tokenizer_config_json(self, max_length):
        return {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": max_length,
            "bos_token": BOS, "eos_token": EOS, "pad_token": PAD, "unk_token": UNK,
            "do_lower_case": True, "clean_up_tokenization_spaces": True,
            "added_tokens_decoder": {str(self.vocab[t]): {"content": t, "special": True} for t in SPECIALS},
        }
