// The export files, made on request; loaded on first use so the page's initial JavaScript stays small.
import { findModel } from '../../model/catalogue/catalogue';
import { resultsToCsv, resultsToJson } from '../../shared/results-csv-tsv-json';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { exportContext, imageResults } from '../../store/results-for-export';
import type { AppState } from '../../store/store';
import { drawChart } from './draw-chart';

export type ExportKind = 'csv' | 'json' | 'png';

/** The file for `kind`, or undefined when no image has scores yet. */
export async function makeExport(state: AppState, kind: ExportKind): Promise<{ blob: Blob; name: string } | undefined> {
  const results = imageResults(state);
  if (!results.length) return undefined;
  const rows = results.flatMap((r) => r.rows);
  if (kind === 'csv')
    return { blob: new Blob([resultsToCsv(rows)], { type: 'text/csv' }), name: 'clipscope-results.csv' };
  if (kind === 'json') {
    const json = resultsToJson(rows, exportContext(state));
    return { blob: new Blob([json], { type: 'application/json' }), name: 'clipscope-results.json' };
  }
  const mode = state.scoringRule ? state.scoreMode : 'similarity';
  const model = findModel(state.modelId)?.name ?? state.modelId;
  const title = `Clipscope · ${model} · prompt "${state.template}" · ${mode === 'probability' ? 'probability' : 'cosine similarity'}`;
  return { blob: await drawChart(results, mode, DEFAULT_VISIBLE_BARS, title), name: 'clipscope-chart.png' };
}
