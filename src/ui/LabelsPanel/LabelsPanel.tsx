import { useId, useMemo } from 'react';
import { findModel } from '../../model/catalogue/catalogue';
import { TEMPLATE_SLOT } from '../../model/text/label-text';
import { PRESETS, presetMatching } from '../../model/catalogue/label-presets';
import { canServe } from '../../model/text/vocabulary';
import { MAX_LABELS } from '../../shared/settings';
import { applyPreset } from '../../store/model-loading';
import { currentLabels, droppedLabelCount, selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { MergedLabelsHint } from './MergedLabelsHint';
import { UnknownWords, unknownInPrompts } from './UnknownWords';

export function LabelsPanel() {
  const id = useId();
  const labelsText = useAppStore((s) => s.labelsText);
  const template = useAppStore((s) => s.template);
  const setLabelsText = useAppStore((s) => s.setLabelsText);
  const setTemplate = useAppStore((s) => s.setTemplate);
  const count = useAppStore((s) => currentLabels(s).length);
  const presetId = useAppStore((s) => presetMatching(currentLabels(s))?.id ?? '');
  const dropped = useAppStore(droppedLabelCount);
  const pending = useAppStore((s) => selectLabelMatrix(s).pending);
  const merged = useAppStore((s) => selectLabelMatrix(s).merged);
  const ready = useAppStore((s) => s.modelStatus.phase === 'ready');
  const modelId = useAppStore((s) => s.modelId);
  const model = findModel(modelId);
  const knows = model?.knows;
  const unknown = useMemo(
    () => unknownInPrompts(findModel(modelId), currentLabels({ labelsText }), template),
    [modelId, labelsText, template],
  );

  return (
    <section className="labels-panel" aria-label="Labels">
      <label htmlFor={`${id}-labels`}>Labels, one per line</label>
      <textarea
        id={`${id}-labels`}
        data-testid="labels-editor"
        value={labelsText}
        onChange={(e) => setLabelsText(e.target.value)}
        rows={12}
        spellCheck={false}
        dir="auto"
        aria-describedby={unknown ? `${id}-unknown` : undefined}
      />
      {unknown && <UnknownWords id={`${id}-unknown`} modelName={model!.name} unknown={unknown} />}
      <p className="hint" aria-live="polite">
        {count === 0
          ? 'Type or paste at least one label to see scores.'
          : `${count} label${count === 1 ? '' : 's'}${ready && pending > 0 ? `, encoding ${pending}…` : ''}`}
      </p>
      {dropped > 0 && (
        <p className="hint" role="status">
          Only the first {MAX_LABELS} labels are used; {dropped} more were left out.
        </p>
      )}
      {merged.length > 0 && <MergedLabelsHint merged={merged} />}
      <label htmlFor={`${id}-template`}>Prompt template</label>
      <input
        id={`${id}-template`}
        data-testid="template-input"
        value={template}
        onChange={(e) => setTemplate(e.target.value)}
        spellCheck={false}
      />
      {!template.includes(TEMPLATE_SLOT) && (
        <p className="hint">No {TEMPLATE_SLOT} in the template: each label is added at its end.</p>
      )}
      <label htmlFor={`${id}-preset`}>Presets</label>
      <select id={`${id}-preset`} data-testid="preset" value={presetId} onChange={(e) => applyPreset(e.target.value)}>
        <option value="">Choose a label set…</option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.labels.length}){canServe(p.labels, knows) ? '' : ', needs a real CLIP model'}
          </option>
        ))}
      </select>
    </section>
  );
}
