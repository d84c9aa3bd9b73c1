import { useState } from 'react';
import { findModel } from '../../model/catalogue';
import { resultsToCsv, resultsToJson } from '../../model/export';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { exportContext, imageResults } from '../../store/export-rows';
import { appStore, useAppStore } from '../../store/store';
import '../site.css';
import { drawChart } from './draw-chart';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has long started by then
}

/** Saves the scores of every classified image as CSV or JSON, and the charts as a PNG; all made on this device. */
export function ExportButtons() {
  const ready = useAppStore((s) => s.images.some((i) => i.state === 'done') && s.textEmbeds.size > 0);
  const [problem, setProblem] = useState('');

  const save = async (kind: 'csv' | 'json' | 'png') => {
    const state = appStore.getState();
    const results = imageResults(state);
    if (!results.length) return setProblem('Nothing to export yet: wait until an image has its scores.');
    const rows = results.flatMap((r) => r.rows);
    setProblem('');
    try {
      if (kind === 'csv') download(new Blob([resultsToCsv(rows)], { type: 'text/csv' }), 'clipscope-results.csv');
      if (kind === 'json') {
        download(
          new Blob([resultsToJson(rows, exportContext(state))], { type: 'application/json' }),
          'clipscope-results.json',
        );
      }
      if (kind === 'png') {
        const mode = state.scoringRule ? state.scoreMode : 'similarity';
        const model = findModel(state.modelId)?.name ?? state.modelId;
        const score = mode === 'probability' ? 'probability' : 'cosine similarity';
        const title = `Clipscope · ${model} · prompt "${state.template}" · ${score}`;
        download(await drawChart(results, mode, DEFAULT_VISIBLE_BARS, title), 'clipscope-chart.png');
      }
    } catch (error) {
      setProblem(`The export failed (${error instanceof Error ? error.message : error}); try again.`);
    }
  };

  return (
    <div className="export-buttons" role="group" aria-label="Export results">
      {(['csv', 'json', 'png'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`export-${kind}`}
          disabled={!ready}
          onClick={() => void save(kind)}
          title={kind === 'png' ? 'The charts as an image' : `Every score as ${kind.toUpperCase()}`}
        >
          {kind === 'png' ? 'Chart PNG' : kind.toUpperCase()}
        </button>
      ))}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
