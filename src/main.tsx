import { StrictMode } from 'react';
import { registerServiceWorker } from './client/service-worker-registration';
import { createRoot } from 'react-dom/client';
import { startFromLink, untouchedSinceNow } from './store/share-link-actions';
import { App } from './ui/App/App';
import './ui/app.css';

// The service worker may reload the page once for WASM threads, but only while that loses nothing the user did.
void startFromLink().then(() => registerServiceWorker(untouchedSinceNow()));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
