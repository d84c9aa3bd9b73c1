import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_MODEL } from './model/manifest';
import { DEFAULT_PRESET } from './model/presets';
import { backendFromUrl } from './shared/settings';
import { startApp } from './store/controller';
import { appStore } from './store/store';
import { App } from './ui/App/App';
import './ui/styles.css';

appStore.getState().setLabelsText(DEFAULT_PRESET.labels.join('\n'));
startApp(new URL(DEFAULT_MODEL.path, document.baseURI).href, backendFromUrl(location.search));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
