import { Fragment } from 'react';
import type { MergedLabel } from '../../store/selectors';
import { VisibleText } from '../VisibleText/VisibleText';

/** Says which labels share one bar because the model's tokenizer turns their prompts into the same tokens. */
export function MergedLabelsHint({ merged }: { merged: readonly MergedLabel[] }) {
  return (
    <div className="hint" role="status" data-testid="merged-labels">
      <p>
        Shown as one bar: the model reads these prompts as the same tokens (its tokenizer may ignore case, or read
        characters it does not know as one unknown token), so separate bars would only split one score.
      </p>
      <ul>
        {merged.map(({ label, same }) => (
          <li key={label}>
            {same.map((other) => (
              <Fragment key={other}>
                <VisibleText text={other} />,{' '}
              </Fragment>
            ))}
            merged into <VisibleText text={label} />
          </li>
        ))}
      </ul>
    </div>
  );
}
