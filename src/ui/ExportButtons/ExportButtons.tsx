import { useState } from 'react';
import { appStore, useAppStore } from '../../store/store';
import '../share-export-badge.css';
import { CopyResults } from './CopyResults';
import type { ExportKind } from './export-file';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has long started by then
}

const KINDS: { kind: ExportKind; text: string; title: string }[] = [
  { kind: 'csv', text: 'CSV', title: 'Every score as CSV (opens in spreadsheets)' },
  { kind: 'json', text: 'JSON', title: 'Every score as JSON' },
  { kind: 'png', text: 'Chart PNG', title: 'The charts as an image' },
];

/** Saves the scores of every classified image as CSV or JSON, and the charts as a PNG; all made on this device. */
export function ExportButtons() {
  const ready = useAppStore((s) => s.images.some((i) => i.state === 'done') && s.textEmbeds.size > 0);
  const [problem, setProblem] = useState('');

  const save = async (kind: ExportKind) => {
    setProblem('');
    try {
      const { makeExport } = await import('./export-file');
      const file = await makeExport(appStore.getState(), kind);
      if (file) download(file.blob, file.name);
      else setProblem('Nothing to export yet: wait until an image has its scores.');
    } catch (error) {
      setProblem(`The export failed (${error instanceof Error ? error.message : error}); try again.`);
    }
  };

  return (
    <div className="export-buttons" role="group" aria-label="Export results">
      {KINDS.map(({ kind, text, title }) => (
        <button
          key={kind}
          type="button"
          data-testid={`export-${kind}`}
          disabled={!ready}
          onClick={() => void save(kind)}
          title={title}
        >
          {text}
        </button>
      ))}
      <CopyResults disabled={!ready} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
