// Starts and stops the comparison view's second model. The running comparison is a ComparisonSession kept in the
// store, so starting again replaces it and its late answers are dropped.
import { ClipClient } from '../client/clip-client';
import { ComparisonSession } from './compare-session';
import { appStore } from './store';

/** Loads the chosen comparison model in a second worker and encodes the current labels and images with it. */
export function startComparison(): Promise<void> {
  stopComparison();
  const session = new ComparisonSession(appStore, () => new ClipClient());
  appStore.getState().setCompare({ compareSession: session });
  return session.start();
}

/** Ends the comparison and its worker (freeing the second model's memory). */
export function stopComparison(): void {
  const { compareSession, setCompare } = appStore.getState();
  compareSession?.stop();
  setCompare({ compareSession: undefined });
}
