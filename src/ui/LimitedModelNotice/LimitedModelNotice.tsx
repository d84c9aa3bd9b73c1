import { findModel } from '../../model/catalogue/catalogue';
import { useAppStore } from '../../store/store';
import { UseRealModelButton } from './UseRealModelButton';

/**
 * While a model that knows only a few words runs (the bundled Mini), says what it knows and offers the real CLIP
 * model in one click.
 */
export function LimitedModelNotice() {
  const model = findModel(useAppStore((s) => s.modelId));
  // The fallback notice already says the Mini only knows shapes, and offers the failed model again.
  const fallback = useAppStore((s) => s.fallback !== undefined);
  if (!model?.knows || fallback) return null;
  const topics = model.knows.topics;
  return (
    <div className="notices model-limits" role="note" data-testid="model-limits" data-model-id={model.id}>
      <p>
        <strong>
          {model.name} knows {topics.map((t) => `${t.words.length} ${t.name}`).join(' and ')}, nothing else.
        </strong>{' '}
        {topics.map((t) => `${t.name[0]!.toUpperCase()}${t.name.slice(1)}: ${t.words.join(', ')}.`).join(' ')} Photos
        and other words get no real answer.
      </p>
      <UseRealModelButton testId="use-real-model" />
    </div>
  );
}
