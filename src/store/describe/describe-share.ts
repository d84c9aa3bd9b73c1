// The Describe view's part of a share link: its question, prefix, beam width and whether it is the open tab
// (settings only: never captions, never images).
import type { SharedDescribe } from '../../shared/share-link-codec';
import type { AppState } from '../store';

/** What a link carries of the Describe view; undefined when everything is at its default. */
export function describeToShare(state: AppState): SharedDescribe | undefined {
  const shared: SharedDescribe = {
    question: state.describeQuestion,
    prefix: state.describePrefix,
    beams: state.describeBeams,
    open: state.exploreTab === 'describe',
  };
  return shared.question || shared.prefix || shared.beams !== 1 || shared.open ? shared : undefined;
}

/** Applies a link's Describe settings (the tab opens once the app starts watching it). */
export function applySharedDescribe(state: AppState, shared: SharedDescribe | undefined): void {
  if (!shared) return;
  state.setDescribeQuestion(shared.question);
  state.setDescribePrefix(shared.prefix);
  state.setDescribeBeams(shared.beams);
  if (shared.open) state.setExploreTab('describe');
}
