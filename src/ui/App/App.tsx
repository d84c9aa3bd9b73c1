import { About } from '../About/About';
import { BackendBadge } from '../BackendBadge/BackendBadge';
import { DropZone } from '../DropZone/DropZone';
import { LabelsPanel } from '../LabelsPanel/LabelsPanel';
import { ModelStatus } from '../ModelStatus/ModelStatus';
import { Results } from '../Results/Results';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Clipscope <span className="tagline">zero-shot image classification, on your device</span>
        </h1>
        <div className="status-row">
          <ModelStatus />
          <BackendBadge />
        </div>
      </header>
      <main className="layout">
        <LabelsPanel />
        <section className="images" aria-label="Images and results">
          <DropZone />
          <Results />
        </section>
      </main>
      <About />
    </div>
  );
}
