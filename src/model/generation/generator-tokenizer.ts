// A generator's tokenizer.json: the prefix the encoder reads (with the special tokens, "<s> words </s>"), label and
// continuation ids (without them), and readable text from generated ids.
import { Tokenizer } from '@huggingface/tokenizers';

export class GeneratorTokenizer {
  private readonly tokenizer: Tokenizer;

  constructor(tokenizerJson: object, tokenizerConfig: object) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  }

  /** The encoder's prefix tokens, special tokens included (an empty prefix still gives "<s> </s>"). */
  prefixIds(prefix: string): number[] {
    return this.tokenizer.encode(prefix, { add_special_tokens: true }).ids;
  }

  /** A label's or continuation's own tokens. */
  textIds(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** Readable text of generated ids (none: empty text; the tokenizer refuses an empty list). */
  decode(ids: readonly number[]): string {
    if (ids.length === 0) return '';
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }
}
