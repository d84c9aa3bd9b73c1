import { useState } from 'react';
import { resultsToTsv } from '../../shared/results-csv-tsv-json';
import { countOf } from '../text/plural';
import { sortedImages } from '../../store/sorted-cards';
import { imageResults } from '../../store/results-for-export';
import { selectLabelMatrix } from '../../store/selectors';
import { appStore } from '../../store/store';

type Outcome = { kind: 'copied' | 'problem'; text: string };

/** Copies the scores as a tab-separated table (image, then a column per label), in the order the cards show. */
export function CopyResults({ disabled }: { disabled: boolean }) {
  const [outcome, setOutcome] = useState<Outcome>();
  const copy = async () => {
    const state = appStore.getState();
    const results = imageResults({ ...state, images: sortedImages(state) });
    if (!results.length) {
      setOutcome({ kind: 'problem', text: 'Nothing to copy yet: wait until an image has its scores.' });
      return;
    }
    const labels = selectLabelMatrix(state).labels;
    try {
      await navigator.clipboard.writeText(resultsToTsv(results, labels));
      const size = `${countOf(results.length, 'image')} by ${countOf(labels.length, 'label')}`;
      setOutcome({ kind: 'copied', text: `Copied ${size}: paste into a spreadsheet or a document.` });
    } catch {
      setOutcome({
        kind: 'problem',
        text: 'The browser did not allow copying to the clipboard. Allow clipboard access for this site and try again, or save the results with CSV.',
      });
    }
  };
  return (
    <>
      <button
        type="button"
        data-testid="copy-results"
        disabled={disabled}
        onClick={() => void copy()}
        title="Every score as a table (tab-separated), for spreadsheets"
      >
        Copy results
      </button>
      <span role="status" className={outcome?.kind === 'problem' ? 'error' : 'ok'} data-testid="copy-outcome">
        {outcome?.text}
      </span>
    </>
  );
}
