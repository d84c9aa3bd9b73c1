import { About } from '../About/About';
import { Announcer } from '../Announcer/Announcer';
import { BackendBadge } from '../BackendBadge/BackendBadge';
import { DropZone } from '../DropZone/DropZone';
import { ExploreTabs } from '../ExploreTabs/ExploreTabs';
import { HostConsent } from '../HostConsent/HostConsent';
import { LabelsFold } from '../LabelsPanel/LabelsFold';
import { LabelsPanel } from '../LabelsPanel/LabelsPanel';
import { LimitedModelNotice } from '../LimitedModelNotice/LimitedModelNotice';
import { ModelFallback } from '../ModelFallback/ModelFallback';
import { ModelPicker } from '../ModelPicker/ModelPicker';
import { ModelsPanel } from '../ModelsPanel/ModelsPanel';
import { ModelStatus } from '../ModelStatus/ModelStatus';
import { Notices } from '../Notices/Notices';
import { SharePanel } from '../SharePanel/SharePanel';
import { SoftwareAdapterNotice } from '../SoftwareAdapterNotice/SoftwareAdapterNotice';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Clipscope <span className="tagline">zero-shot image classification, on your device</span>
        </h1>
        <HostConsent />
        <Notices />
        <ModelFallback />
        <SoftwareAdapterNotice />
        <div className="status-row">
          <ModelPicker />
          <ModelStatus />
          <BackendBadge />
        </div>
        <LimitedModelNotice />
        <ModelsPanel />
        <SharePanel />
      </header>
      {/* The picker first: on a phone it comes before the labels (on wide screens they sit in the left column). */}
      <main className="layout">
        <DropZone />
        <LabelsFold>
          <LabelsPanel />
        </LabelsFold>
        <section className="images" aria-label="Images and results">
          <ExploreTabs />
        </section>
      </main>
      <About />
      <Announcer />
    </div>
  );
}
