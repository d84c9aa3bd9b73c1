import { StrictMode } from 'react';
import { registerServiceWorker } from './client/service-worker';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PRESET } from './model/presets';
import { readUrlChoices } from './shared/url-params';
import { startApp } from './store/controller';
import { appStore } from './store/store';
import { App } from './ui/App/App';
import './ui/styles.css';

appStore.getState().setLabelsText(DEFAULT_PRESET.labels.join('\n'));
startApp(readUrlChoices(location.search));
// A reload for WASM threads happens only before the user has added images.
registerServiceWorker(() => appStore.getState().images.length === 0);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
