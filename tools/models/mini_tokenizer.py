"""The Mini's tokenizer: a whole-word WordPiece vocabulary (no sub-words) written as a tokenizer.json that
@huggingface/tokenizers loads. Ids follow OpenAI CLIP's convention: end-of-text has the highest id, so the text
tower pools at argmax(input_ids), and padding uses the end-of-text token."""
import re

UNK, SOT, EOT = "<|unk|>", "<|startoftext|>", "<|endoftext|>"


class MiniTokenizer:
    def __init__(self, words, context_length):
        self.vocab = {UNK: 0}
        for word in words:
            self.vocab.setdefault(word, len(self.vocab))
        self.vocab[SOT] = len(self.vocab)
        self.vocab[EOT] = len(self.vocab)
        self.context_length = context_length

    @property
    def eot_id(self):
        return self.vocab[EOT]

    def encode(self, text):
        """Mirror of the tokenizer.json pipeline, used only to prepare training batches; the export step checks
        it against @huggingface/tokenizers on every training caption."""
        words = re.findall(r"\w+|[^\w\s]", text.lower())
        ids = [self.vocab[SOT]] + [self.vocab.get(w, 0) for w in words]
        return ids[: self.context_length - 1] + [self.eot_id]

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
            "added_tokens": [special(UNK), special(SOT), special(EOT)],
            "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "Lowercase"}]},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [template(SOT), {"Sequence": {"id": "A", "type_id": 0}}, template(EOT)],
                "pair": [template(SOT), {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 0}}, template(EOT)],
                "special_tokens": {t: {"id": t, "ids": [self.vocab[t]], "tokens": [t]} for t in (SOT, EOT)},
            },
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": UNK, "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": 100, "vocab": self.vocab},
        }

    def tokenizer_config_json(self):
        return {
            "tokenizer_class": "CLIPTokenizer",
            "model_max_length": self.context_length,
            "bos_token": SOT, "eos_token": EOT, "pad_token": EOT, "unk_token": UNK,
            "do_lower_case": True, "clean_up_tokenization_spaces": True,
            "added_tokens_decoder": {str(self.vocab[t]): {"content": t, "special": True} for t in (UNK, SOT, EOT)},
        }
