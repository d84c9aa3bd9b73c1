// Fails (exit 1) when the initial JavaScript of the build is over budget, or when none is found.
// Usage: tsx tools/build/check-bundle-budget.ts [--dist dist] [--budget-kb 150]
import { parseArgs } from 'node:util';
import { initialJs } from './initial-js.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, 'budget-kb': { type: 'string', default: '150' } },
});
const budgetKB = Number(values['budget-kb']);
const files = initialJs(values.dist);
const totalKB = files.reduce((sum, file) => sum + file.gzipBytes, 0) / 1024;
for (const file of files) console.log(`  ${file.path}: ${(file.gzipBytes / 1024).toFixed(1)} KB gzip`);
console.log(`Initial JavaScript: ${totalKB.toFixed(1)} KB gzip (budget ${budgetKB} KB)`);
if (!files.length) {
  console.error(`${values.dist}/index.html loads no module script: build with "npx vite build" first.`);
  process.exit(1);
}
if (!(totalKB <= budgetKB)) {
  console.error(
    `Over budget by ${(totalKB - budgetKB).toFixed(1)} KB: load the new code lazily (import() in the component or ` +
      `store action that needs it), or find what grew with "npx vite build" and its per-chunk sizes.`,
  );
  process.exit(1);
}
