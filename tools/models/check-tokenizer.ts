// Fails when @huggingface/tokenizers, reading the exported tokenizer.json, disagrees with the ids the training
// script used. Usage: tsx tools/models/check-tokenizer.ts <model dir> <cases.json>
import { loadTokenizer, readJson } from './node-model';

const [modelDir, casesPath] = process.argv.slice(2);
if (!modelDir || !casesPath) throw new Error('usage: check-tokenizer.ts <model dir> <cases.json>');
const tokenizer = loadTokenizer(modelDir);
const cases = readJson<{ text: string; ids: number[] }[]>(casesPath);
const mismatches = cases.filter((c) => tokenizer.encode(c.text).join(',') !== c.ids.join(','));
for (const c of mismatches.slice(0, 5)) {
  console.error(`mismatch: ${JSON.stringify(c.text)} python ${c.ids} js ${tokenizer.encode(c.text)}`);
}
console.log(`tokenizer check: ${cases.length - mismatches.length}/${cases.length} captions identical`);
process.exit(mismatches.length ? 1 : 0);
