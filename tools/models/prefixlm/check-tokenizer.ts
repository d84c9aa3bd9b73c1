// Fails when @huggingface/tokenizers, reading the PrefixLM's tokenizer.json, disagrees with the training ids:
// encode with special tokens (the encoder prefix), without (labels and continuations), and decode.
// Usage: tsx tools/models/prefixlm/check-tokenizer.ts <model dir> <cases.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';

interface Case {
  text: string;
  ids: number[];
  plain: number[];
  decoded: string;
}
const [modelDir, casesPath] = process.argv.slice(2);
if (!modelDir || !casesPath) throw new Error('usage: check-tokenizer.ts <model dir> <cases.json>');
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const tokenizer = new Tokenizer(
  read(join(modelDir, 'tokenizer.json')) as object,
  read(join(modelDir, 'tokenizer_config.json')) as object,
);
const cases = read(casesPath) as Case[];
const same = (a: number[], b: number[]) => a.join(',') === b.join(',');
const mismatches = cases.filter((c) => {
  const ids = tokenizer.encode(c.text).ids;
  const plain = tokenizer.encode(c.text, { add_special_tokens: false }).ids;
  // decode() throws on an empty list
  const decoded = c.plain.length ? tokenizer.decode(c.plain, { skip_special_tokens: true }) : '';
  const wrong = !same(ids, c.ids) || !same(plain, c.plain) || decoded !== c.decoded;
  if (wrong) console.error(`mismatch: ${JSON.stringify(c)} js ${ids} / ${plain} / ${JSON.stringify(decoded)}`);
  return wrong;
});
console.log(
  `tokenizer check: ${cases.length - mismatches.length}/${cases.length} texts identical (encode, encode without special tokens, decode)`,
);
process.exit(mismatches.length ? 1 : 0);
