import { useEffect, useState } from 'react';
import { milestone, milestoneState } from '../../store/milestones';
import { appStore } from '../../store/store';

/**
 * The page's one place that speaks to screen readers about the model and the run: milestones only (see
 * milestones.ts), so a download or a folder of images does not flood the reader. Visually hidden.
 */
export function Announcer() {
  const [said, setSaid] = useState({ polite: '', urgent: '' });
  useEffect(() => {
    let previous = milestoneState(appStore.getState());
    return appStore.subscribe((state) => {
      const next = milestoneState(state);
      const message = milestone(previous, next);
      previous = next;
      if (!message) return;
      setSaid((old) =>
        message.urgent ? { polite: old.polite, urgent: message.text } : { polite: message.text, urgent: old.urgent },
      );
    });
  }, []);
  return (
    <div className="visually-hidden">
      <p aria-live="polite" aria-atomic="true" data-testid="announcer">
        {said.polite}
      </p>
      <p aria-live="assertive" aria-atomic="true" data-testid="announcer-urgent">
        {said.urgent}
      </p>
    </div>
  );
}
