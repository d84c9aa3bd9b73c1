import { StrictMode } from 'react';
import { registerServiceWorker } from './client/service-worker';
import { createRoot } from 'react-dom/client';
import { startFromLink } from './store/share';
import { appStore } from './store/store';
import { App } from './ui/App/App';
import './ui/styles.css';

void startFromLink();
// A reload for WASM threads happens only before the user has added images.
registerServiceWorker(() => appStore.getState().images.length === 0);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
