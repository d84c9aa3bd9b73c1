import { useState } from 'react';
import { countOf, nounFor } from '../text/plural';
import { cancelPendingImages } from '../../store/model-loading';

/** Overall progress of the images being classified, with a button that stops the rest of the run. */
export function RunProgress({ done, total }: { done: number; total: number }) {
  // What the last Stop removed, shown until the list changes again.
  const [stopped, setStopped] = useState<{ removed: number; total: number }>();
  if (done >= total) {
    return (
      <span>
        {countOf(total, 'image')}
        {stopped?.total === total &&
          `; stopped, ${stopped.removed} not yet classified ${nounFor(stopped.removed, 'was', 'were')} removed`}
      </span>
    );
  }
  return (
    // Not a live region (it changes with every image): the Announcer says when the run is done.
    <span className="run-progress">
      Classifying {done} of {countOf(total, 'image')}…{' '}
      <progress max={total} value={done} aria-label="Images classified" data-testid="run-progress" />{' '}
      <button type="button" onClick={() => setStopped({ removed: cancelPendingImages(), total: done })}>
        Stop
      </button>
    </span>
  );
}
