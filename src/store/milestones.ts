// What the screen-reader announcer says: milestones only (a download starts, is half done, the model is ready or
// fails, a run of images finishes), never each progress tick. `milestone` compares two snapshots of the state.
import type { LoadPhase } from '../shared/load-phase';
import { visibleText } from '../shared/visible-text';
import { formatBytes } from '../shared/transfer-format';
import { modelEntry } from './load-request';
import { errorWords, type ModelStatus } from './model-status';
import { scoreLabels, selectLabelMatrix } from './selectors';
import type { AppState } from './store';

export interface MilestoneState {
  modelName: string;
  /** Load generation: a new load starts its milestones afresh. */
  generation: number;
  status: ModelStatus;
  /** Images waiting for or being run by the model. */
  pending: number;
  /** Images with a result, and images that failed. */
  classified: number;
  failed: number;
  /** The label that wins the most images; a function, as it scores every image and is needed only at the end. */
  topLabel: () => string | undefined;
}

export interface Milestone {
  text: string;
  /** An error: spoken at once (assertive), not after what the reader is saying. */
  urgent: boolean;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The share of a download under way (not a read from the cache); undefined at any other time. */
function downloadShare(status: ModelStatus): number | undefined {
  if (status.phase !== 'loading') return undefined;
  const step: LoadPhase = status.step;
  return step.kind === 'downloading' && !step.fromCache && step.totalBytes > 0
    ? step.loadedBytes / step.totalBytes
    : undefined;
}

/** The message `next` calls for after `previous`, or undefined when nothing worth saying happened. */
export function milestone(previous: MilestoneState, next: MilestoneState): Milestone | undefined {
  const sameLoad = previous.generation === next.generation;
  const name = next.modelName;
  const { status } = next;
  const changed = previous.status.phase !== status.phase || !sameLoad;
  if (status.phase === 'error' && changed) {
    return { text: `${name} ${errorWords(status.kind)}: ${status.message}`, urgent: true };
  }
  if (status.phase === 'ready' && changed) return { text: `${name} ready`, urgent: false };
  const share = downloadShare(status);
  if (share !== undefined && status.phase === 'loading' && status.step.kind === 'downloading') {
    const before = sameLoad ? downloadShare(previous.status) : undefined;
    if (before === undefined) {
      return { text: `Downloading ${name}, ${formatBytes(status.step.totalBytes)}`, urgent: false };
    }
    if (before < 0.5 && share >= 0.5 && share < 1) return { text: `${name} 50% downloaded`, urgent: false };
  }
  if (previous.pending > 0 && next.pending === 0 && next.classified + next.failed > 0) {
    return { text: runSummary(next.classified, next.failed, next.topLabel()), urgent: false };
  }
  return undefined;
}

/** "5 images classified, top label red circle" (with failures counted when there are any). */
export function runSummary(classified: number, failed: number, topLabel: string | undefined): string {
  const parts = [`${plural(classified, 'image')} classified`];
  if (failed > 0) parts.push(`${failed} could not be classified`);
  if (topLabel !== undefined && classified > 0) parts.push(`top label ${topLabel}`);
  return parts.join(', ');
}

/** The label that is first for the most images; a tie goes to the label that won earliest in the list. */
export function commonTopLabel(tops: readonly string[]): string | undefined {
  const wins = new Map<string, number>();
  for (const top of tops) wins.set(top, (wins.get(top) ?? 0) + 1);
  let best: string | undefined;
  for (const [label, count] of wins) if (best === undefined || count > wins.get(best)!) best = label;
  return best;
}

/** The snapshot of the app state that `milestone` compares. */
export function milestoneState(state: AppState): MilestoneState {
  const { images } = state;
  return {
    modelName: visibleText(modelEntry(state.modelId)?.name ?? state.modelId),
    generation: state.generation,
    status: state.modelStatus,
    pending: images.filter((i) => i.state === 'queued' || i.state === 'encoding').length,
    classified: images.filter((i) => i.state === 'done').length,
    failed: images.filter((i) => i.state === 'error').length,
    topLabel: () => {
      const matrix = selectLabelMatrix(state);
      const tops = images.flatMap((item) => {
        const scores = scoreLabels(item.embeds, matrix, state.scoringRule);
        if (!scores) return [];
        let best = 0;
        scores.similarities.forEach((s, i) => s > scores.similarities[best]! && (best = i));
        return [matrix.labels[best]!];
      });
      const top = commonTopLabel(tops);
      return top === undefined ? undefined : visibleText(top);
    },
  };
}
