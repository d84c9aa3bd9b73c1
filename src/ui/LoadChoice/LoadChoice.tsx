import type { RefObject } from 'react';
import type { ChoiceOrigin } from '../../store/choice-slice';
import { modelEntry } from '../../store/load-request';
import { keepCurrentModel, loadPendingChoice } from '../../store/model-choice';
import { useAppStore } from '../../store/store';

/**
 * Next to a picker whose choice needs a download: its size, and the explicit "Download and load" (nothing is
 * fetched before). The sentence is a live region so a screen reader hears the size while arrowing through the list.
 */
export function LoadChoice({
  from,
  id,
  picker,
}: {
  from: ChoiceOrigin;
  id: string;
  picker: RefObject<HTMLElement | null>;
}) {
  const choice = useAppStore((s) => s.pendingChoice);
  const waiting = choice?.kind === 'needs-download' && choice.from === from ? choice : undefined;
  const size = waiting?.download.sizeMb === undefined ? '' : ` ${waiting.download.sizeMb} MB`;
  // The buttons go away once used: focus goes back to the picker rather than to the page.
  const then = (action: () => void) => () => {
    action();
    picker.current?.focus();
  };
  return (
    <span className="load-choice">
      <span id={id} className="hint" aria-live="polite">
        {waiting &&
          `${modelEntry(waiting.modelId)?.name ?? waiting.modelId} (${waiting.download.dtypes.join(' or ')}) is not on this device: ${
            size ? `a${size} download.` : 'a download of unknown size.'
          }`}
      </span>
      {waiting && (
        <>
          <button type="button" data-testid="load-model" onClick={then(loadPendingChoice)}>
            Download and load{size}
          </button>
          <button type="button" onClick={then(keepCurrentModel)}>
            Keep the current model
          </button>
        </>
      )}
    </span>
  );
}
