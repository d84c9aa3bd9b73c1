import type { BenchTiming } from './stats';

export interface BenchRow {
  name: string;
  /** Images or labels per run, for per-item figures. */
  perItem: number;
  web: BenchTiming;
  native: BenchTiming;
}

const ms = (t: BenchTiming, per: number) =>
  `${(t.median / per).toFixed(1)} (${(t.min / per).toFixed(1)}-${(t.max / per).toFixed(1)})`;

/** A Markdown table: per-item medians (min-max) for onnxruntime-web and -node, and their ratio. */
export function formatTable(rows: BenchRow[], context: { runs: number; cores: number }): string {
  const lines = [
    `Raw session.run, ViT-B/32 twin, WASM in Chromium vs onnxruntime-node, ${context.cores} cores, median of ${context.runs} runs after warm-up; ms per image or label (min-max).`,
    '',
    '| workload | onnxruntime-web WASM | onnxruntime-node | web / native |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.web, r.perItem)} | ${ms(r.native, r.perItem)} | ${(r.web.median / r.native.median).toFixed(2)}x |`,
    ),
  ];
  return lines.join('\n') + '\n';
}
