import { useEffect, useId, useState } from 'react';
import { listCachedModels } from '../../client/model-cache';
import { findModel } from '../../model/catalogue/catalogue';
import { downloadMb, EXAMPLES, type Example, type ExampleId } from '../../model/catalogue/example-sets';
import { repoUrl } from '../../shared/hub-host';
import { useAppStore } from '../../store/store';
import { tryExample } from '../../store/try-example';
import './first-steps.css';
import { isLoading, runningModelId } from '../../store/model-status';

/** What choosing the example's model costs: nothing when it runs or is stored, else its download size. */
function useModelCost(example: Example): string {
  const model = findModel(example.modelId)!;
  const running = useAppStore((s) => runningModelId(s.modelStatus) === model.id);
  const loading = useAppStore((s) => isLoading(s.modelStatus) && s.modelStatus.modelId === model.id);
  const hubHost = useAppStore((s) => s.hubHost);
  const dtype = useAppStore((s) => s.dtype);
  const [stored, setStored] = useState(false);
  useEffect(() => {
    if (model.bundledPath !== undefined) return;
    const folder = repoUrl(hubHost, model.id, model.revision);
    void listCachedModels().then((models) => setStored(models.some((m) => m.folder === folder)));
  }, [model, hubHost]);
  if (model.bundledPath !== undefined) return `${model.name}, no download`;
  if (running) return `${model.name}, ready`;
  if (loading) return `${model.name}, loading`;
  if (stored) return `${model.name}, already downloaded`;
  const megabytes = downloadMb(model, dtype);
  return `${model.name}, downloads ${megabytes === undefined ? 'the model' : `${megabytes} MB`}`;
}

function ExampleButton({ example, busy, onTry }: { example: Example; busy: boolean; onTry: (id: ExampleId) => void }) {
  const cost = useModelCost(example);
  return (
    <button
      type="button"
      className="example-button"
      data-testid="try-example"
      data-example={example.id}
      disabled={busy}
      onClick={() => onTry(example.id)}
    >
      <span className="example-title">{example.title}</span>
      <span className="example-detail">{cost}</span>
    </button>
  );
}

/** The first screen, before any image: what to do, in three steps, and examples that run with one click. */
export function FirstSteps({ onExample }: { onExample: () => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const onTry = (example: ExampleId) => {
    setBusy(true);
    setProblem('');
    onExample();
    void tryExample(example).then((message) => {
      setBusy(false);
      setProblem(message);
    });
  };
  return (
    <section className="first-steps" aria-labelledby={`${id}-title`} data-testid="first-steps">
      <h2 id={`${id}-title`}>How it works</h2>
      <ol className="steps">
        <li>
          <strong>Add images</strong>: <span className="when-fine-pointer">drop, paste or </span>choose them above.
        </li>
        <li>
          <strong>Type labels</strong>, one per line, in the Labels box.
        </li>
        <li>
          <strong>Read the bars</strong>: each image gets one bar per label; the longest is the model&rsquo;s best
          guess.
        </li>
      </ol>
      <p className="hint">Nothing leaves this device: the model runs in your browser.</p>
      <div className="examples" role="group" aria-labelledby={`${id}-examples`}>
        <span id={`${id}-examples`} className="examples-title">
          Try an example:
        </span>
        {EXAMPLES.map((example) => (
          <ExampleButton key={example.id} example={example} busy={busy} onTry={onTry} />
        ))}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
