// What the Describe view does: open (loads the generator once, starts the work), stop, describe again, retry.
import type { StoreApi } from 'zustand';
import { appStore, type AppState } from '../store';
import { createDescribeSession } from './describe-session-wiring';
import { makeGeneratorClient } from './generator-client-factory';
import type { GeneratorSession } from './generator-session';

/** The session, made on first use. */
function session(store: StoreApi<AppState>): GeneratorSession {
  const existing = store.getState().describeSession;
  if (existing) return existing;
  const made = createDescribeSession(store, makeGeneratorClient);
  store.getState().setDescribeSession(made);
  return made;
}

/** The Describe tab is shown: loads the generator the first time, then describes every image. */
export function openDescribe(store: StoreApi<AppState> = appStore): void {
  session(store).open();
}

/** Stops the running generation (its text stays, marked stopped); queued ones wait for an edit or describeAgain. */
export function stopGeneration(store: StoreApi<AppState> = appStore): void {
  store.getState().describeSession?.stopGeneration();
}

/** "Describe again" after a Stop or a failed card: what was stopped or failed runs again. */
export function describeAgain(store: StoreApi<AppState> = appStore): void {
  store.getState().describeSession?.describeAgain();
}

/** After an error status: "Retry" loads the generator again, "Restart" first starts a fresh worker. */
export function retryDescribe(store: StoreApi<AppState> = appStore): void {
  store.getState().describeSession?.retry();
}

/** Opens the describe work whenever the Describe tab is chosen (also when a share link starts on it). */
export function watchDescribeTab(store: StoreApi<AppState> = appStore): void {
  if (store.getState().exploreTab === 'describe') openDescribe(store);
  store.subscribe((now, before) => {
    if (now.exploreTab === 'describe' && before.exploreTab !== 'describe') openDescribe(store);
  });
}
