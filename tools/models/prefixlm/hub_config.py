"""config.json, generation_config.json and preprocessor_config.json of Clipscope Mini PrefixLM (Florence-2's field
names where the engine reads them)."""
from hub_files import preprocessor_config
from shapes_data import HELD_OUT
from texts import LIKELIHOOD_PREFIX

MAX_TOKENS = 32
QUESTION_TEMPLATE = "question: {} answer:"


def model_config(cfg, tokenizer, start_id, default_dtype):
    return {
        "architectures": ["ClipscopePrefixLM"],
        "model_type": "clipscope-prefixlm",
        "is_encoder_decoder": True,
        "bos_token_id": tokenizer.bos_id, "pad_token_id": tokenizer.pad_id, "eos_token_id": tokenizer.eos_id,
        "decoder_start_token_id": start_id,
        "text_config": {
            "d_model": cfg.d_model, "encoder_layers": cfg.encoder_layers, "decoder_layers": cfg.decoder_layers,
            "encoder_attention_heads": cfg.heads, "decoder_attention_heads": cfg.heads,
            "encoder_ffn_dim": cfg.ffn, "decoder_ffn_dim": cfg.ffn, "vocab_size": cfg.vocab_size,
            "max_position_embeddings": cfg.max_positions,
        },
        "vision_config": {"image_size": cfg.image_size, "num_image_tokens": cfg.num_image_tokens,
                          "hidden_size": cfg.d_model, "model": "convnet"},
        "clipscope": {
            "held_out_pairs": [" ".join(p) for p in HELD_OUT],
            "default_dtype": default_dtype,
            "likelihood_prefix": LIKELIHOOD_PREFIX,
            "question_template": QUESTION_TEMPLATE,
            "architecture": cfg.to_dict(),
        },
    }


def generation_config(tokenizer, start_id):
    return {"decoder_start_token_id": start_id, "bos_token_id": tokenizer.bos_id, "eos_token_id": tokenizer.eos_id,
            "pad_token_id": tokenizer.pad_id, "max_length": MAX_TOKENS, "num_beams": 1}


def image_preprocessor_config(image_size):
    return preprocessor_config(image_size)
