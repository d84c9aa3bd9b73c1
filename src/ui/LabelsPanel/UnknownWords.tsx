import type { CatalogueModel } from '../../model/catalogue/catalogue';
import { TEMPLATE_SLOT } from '../../model/text/label-text';
import { canServe, unknownWords, type LabelUnknownWords } from '../../model/text/vocabulary';
import { UseRealModelButton } from '../LimitedModelNotice/UseRealModelButton';
import { VisibleText } from '../VisibleText/VisibleText';

// A long list is cut: the first labels show what is wrong, the count says how far it goes.
const LISTED = 12;

export interface UnknownInPrompts {
  labels: LabelUnknownWords[];
  template: string[];
  /** No label has a word the model knows: it cannot tell them apart. */
  none: boolean;
}

/** The words of the labels and template that `model` does not know; undefined when it knows them all. */
export function unknownInPrompts(
  model: CatalogueModel | undefined,
  labels: readonly string[],
  template: string,
): UnknownInPrompts | undefined {
  if (!model?.knows) return undefined;
  const inLabels = unknownWords(labels, model.knows);
  const inTemplate = unknownWords([template.split(TEMPLATE_SLOT).join(' ')], model.knows)[0]?.words ?? [];
  if (inLabels.length === 0 && inTemplate.length === 0) return undefined;
  return { labels: inLabels, template: inTemplate, none: !canServe(labels, model.knows) };
}

/**
 * Lists the labels (and template) with words the model does not know (only a model with a closed vocabulary, the
 * Mini); the label editor is described by it. When no label is readable, offers the real model.
 */
export function UnknownWords({ id, modelName, unknown }: { id: string; modelName: string; unknown: UnknownInPrompts }) {
  return (
    <div id={id} className="hint unknown-words" data-testid="unknown-words">
      <p>
        {modelName} does not know these words; it reads each of them as the same unknown word
        {unknown.none ? ', so it cannot tell these labels apart' : ''}:
      </p>
      <ul>
        {unknown.labels.slice(0, LISTED).map(({ label, words }) => (
          <li key={label} data-testid="unknown-word" data-label={label}>
            <VisibleText text={label} />: <VisibleText text={words.join(', ')} />
          </li>
        ))}
        {unknown.labels.length > LISTED && <li>and {unknown.labels.length - LISTED} more labels</li>}
        {unknown.template.length > 0 && (
          <li data-testid="unknown-template">
            the template: <VisibleText text={unknown.template.join(', ')} />
          </li>
        )}
      </ul>
      {unknown.none && <UseRealModelButton testId="labels-use-real-model" />}
    </div>
  );
}
