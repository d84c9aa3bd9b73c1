// Registers the service worker (src/sw/isolation-and-offline.ts) and, on hosts that send no isolation headers, reloads the page once
// when the worker is ready, because only a page loaded through it gets the headers that turn WASM threads on.
// A page that is already isolated (headers from the host) is never reloaded; neither is one the user has started
// working in (images added, labels edited): it is offered a reload instead. A flag in sessionStorage makes sure it reloads at most once, even in
// a browser where the headers do not take effect.

export type IsolationState =
  | 'isolated' // threads on
  | 'unsupported' // no service worker here (plain http, private mode in some browsers, development server)
  | 'installing' // the worker is caching the site; threads come with the next load
  | 'reload-ready' // a reload would turn threads on
  | 'failed'; // a reload did not help, or the worker could not be installed

const RELOAD_FLAG = 'clipscope.isolationReload';
/**
 * How long the model waits for the service worker to take control of a first visit. Installing caches only the
 * small app shell, so this is rarely reached; past it the model starts anyway, and what it downloads now is cached
 * on a later visit instead.
 */
const CONTROL_WAIT_MS = 8000;

/** This page's isolation state and its listeners, and whether the service worker has settled control yet. */
class Isolation {
  state: IsolationState = globalThis.crossOriginIsolated ? 'isolated' : 'unsupported';
  readonly listeners = new Set<() => void>();
  /** Resolves `controlSettled`; set by its promise's executor, which runs at once. */
  settleControl: () => void = () => {};
  readonly controlSettled = new Promise<void>((resolve) => (this.settleControl = resolve));

  set(next: IsolationState): void {
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }
}

// One page, one service worker registration: the page's single record of it.
const isolation = new Isolation();
const setState = (next: IsolationState) => isolation.set(next);
const settleControl = () => isolation.settleControl();

export const isolationState = (): IsolationState => isolation.state;
export function subscribeIsolation(listener: () => void): () => void {
  isolation.listeners.add(listener);
  return () => isolation.listeners.delete(listener);
}

function reloadedOnce(): boolean {
  try {
    if (crossOriginIsolated) sessionStorage.removeItem(RELOAD_FLAG);
    return sessionStorage.getItem(RELOAD_FLAG) !== null;
  } catch {
    return true; // storage blocked: better one thread than a reload loop
  }
}

export function reloadForThreads(): void {
  try {
    sessionStorage.setItem(RELOAD_FLAG, String(Date.now()));
  } catch {
    return setState('failed');
  }
  location.reload();
}

/**
 * Resolves once the service worker controls this page, or once it is clear that none will (no support, registration
 * failed, development server), or after CONTROL_WAIT_MS. The model worker starts after it: a worker started by a
 * controlled page fetches through the service worker, which caches the WASM build and weights it downloads.
 */
export function serviceWorkerControl(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || navigator.serviceWorker.controller) {
    return Promise.resolve();
  }
  setTimeout(settleControl, CONTROL_WAIT_MS);
  return isolation.controlSettled;
}

/** `mayReload` says whether reloading now would lose nothing the user did. */
export function registerServiceWorker(mayReload: () => boolean): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return settleControl();
  const alreadyReloaded = reloadedOnce();
  // A page about to reload for threads does not start its model: the reloaded page downloads it, once.
  let reloading = false;
  if (navigator.serviceWorker.controller) settleControl();
  else navigator.serviceWorker.addEventListener('controllerchange', () => reloading || settleControl(), { once: true });
  const registering = navigator.serviceWorker.register('./sw.js', { scope: './' });
  registering.then(
    // Nothing will take control of this page when registration was a no-op (blocked by the browser or a test
    // harness) or the worker is already active (a hard reload leaves the page uncontrolled): start the model now.
    (registration) => (!registration || (!registration.installing && !registration.waiting)) && settleControl(),
    () => (settleControl(), isolation.state !== 'isolated' && setState('failed')),
  );
  if (crossOriginIsolated) return;
  setState(alreadyReloaded ? 'failed' : 'installing');
  if (alreadyReloaded) return;
  void navigator.serviceWorker.ready.then(() => {
    if (!mayReload()) return setState('reload-ready');
    reloading = true;
    reloadForThreads();
  });
}
