// Share links in the app: the setup a link carries is applied at start (all or nothing: a damaged fragment is
// refused with the reason, and the app starts from the rest of the link, its `?model=`… parameters), and the
// current setup becomes a link on request.
import { reloadForThreads } from '../client/service-worker-registration';
import { DEFAULT_MODEL_ID } from '../model/catalogue/catalogue';
import { PRESETS, presetMatching, startingPreset } from '../model/catalogue/label-presets';
import { DEFAULT_HUB_HOST } from '../shared/hub-host';
import { sharePayload } from '../shared/share-link-prefix';
import type { SharedSetup } from '../shared/share-link-codec';
import { applySharedDescribe, describeToShare } from './describe/describe-share';
import { readUrlChoices } from './url-params';
import { startApp } from './model-loading';
import { currentLabels } from './selectors';
import { keepLabelsOnDevice, readSavedLabels } from './saved-labels';
import { appStore, type AppState } from './store';

/** Starts the app with the setup from the page's link: `#share=` when present, else the `?model=`… parameters. */
export async function startFromLink(): Promise<void> {
  // A share link pasted into the address bar of an open Clipscope only changes the fragment: start over with it.
  addEventListener('hashchange', () => sharePayload(location.hash) !== undefined && location.reload());
  const store = appStore.getState();
  const payload = sharePayload(location.hash);
  if (payload === undefined) {
    const choices = readUrlChoices(location.search);
    startWithSavedLabels(choices.modelId);
    return startApp(choices);
  }
  const { decodeShare } = await import('../shared/share-link-codec');
  const decoded = await decodeShare(payload);
  const preset = decoded.ok && decoded.setup.preset ? PRESETS.find((p) => p.id === decoded.setup.preset) : undefined;
  if (!decoded.ok || (decoded.setup.preset && !preset)) {
    // The fragment is refused; the link's other settings (`?model=`, `?backend=`…) still apply.
    const choices = readUrlChoices(location.search);
    startWithSavedLabels(choices.modelId);
    startApp(choices);
    store.addNotice(decoded.ok ? 'This share link names a label preset this version does not have.' : decoded.problem);
    history.replaceState(null, '', location.pathname + location.search); // a reload starts without it too
    return;
  }
  const { setup } = decoded;
  store.setLabelsText((preset?.labels ?? setup.labels).join('\n'));
  store.setTemplate(setup.template);
  applySharedDescribe(store, setup.describe);
  keepLabelsOnDevice(appStore); // a link's labels replace the saved ones only once edited
  startApp(readUrlChoices(`?${choiceParams(setup)}`));
}

/** Without a share link: the labels and template saved on this device, else the model's starting labels. */
function startWithSavedLabels(modelId: string | undefined): void {
  const store = appStore.getState();
  const saved = readSavedLabels();
  store.setLabelsText(saved?.labelsText ?? startingPreset(modelId).labels.join('\n'));
  if (saved) store.setTemplate(saved.template);
  keepLabelsOnDevice(appStore);
}

/** The link's model choices as URL parameters, so they are checked exactly like a hand-written `?model=` link. */
function choiceParams(setup: SharedSetup): URLSearchParams {
  const params = new URLSearchParams();
  if (setup.model) params.set('model', setup.model);
  if (setup.backend !== 'auto') params.set('backend', setup.backend);
  if (setup.dtype) params.set('dtype', setup.dtype);
  if (setup.hub) params.set('hub', setup.hub);
  return params;
}

function currentSetup(state: AppState): SharedSetup {
  const labels = currentLabels(state);
  const preset = presetMatching(labels);
  // A folder from the user's disk cannot travel in a link; the receiver gets the default model. The model is left
  // out when the receiver would pick it anyway: the default, or the model a preset brings.
  const impliedModel = preset?.modelId ?? DEFAULT_MODEL_ID;
  const shareableModel = state.modelId !== impliedModel && !state.modelId.startsWith('local:');
  return {
    labels: preset ? [] : labels,
    preset: preset?.id,
    template: state.template,
    model: shareableModel ? state.modelId : undefined,
    backend: state.backendPreference,
    dtype: state.dtype,
    hub: state.hubHost !== DEFAULT_HUB_HOST ? state.hubHost : undefined,
    describe: describeToShare(state),
  };
}

/** A link to this page that restores the current setup; throws, with a message for the user, when it would not fit. */
export async function shareLink(): Promise<string> {
  const { encodeShare } = await import('../shared/share-link-codec');
  return `${location.origin}${location.pathname}${await encodeShare(currentSetup(appStore.getState()))}`;
}

/** Whether a reload now would lose nothing the user did since the app started: no images, labels and template as set. */
export function untouchedSinceNow(): () => boolean {
  const start = appStore.getState();
  return () => {
    const now = appStore.getState();
    return now.images.length === 0 && now.labelsText === start.labelsText && now.template === start.template;
  };
}

/** Reloads for WASM threads with the current setup in the link (as a share link), so labels and choices survive. */
export async function reloadKeepingSetup(): Promise<void> {
  // While a link's model host awaits the user's answer, the link itself still holds the setup.
  const link = appStore.getState().proposedHost ? undefined : await shareLink().catch(() => undefined);
  if (link) history.replaceState(null, '', link); // too long for a link: reload anyway
  reloadForThreads();
}
