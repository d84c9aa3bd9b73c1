import type { GeneratedTextState } from '../../store/describe/describe-types';
import { VisibleText } from '../VisibleText/VisibleText';

export type GeneratedKind = 'caption' | 'answer' | 'continuation';

const WAITING: Record<GeneratedKind, string> = {
  caption: 'Waiting to write a caption…',
  answer: 'Waiting to answer…',
  continuation: 'Waiting to continue the prefix…',
};

/**
 * One generated text of an image (its caption, its answer, or its continuation of `prefix`). Nothing carries the
 * kind's test id before its generation starts: a quiet "waiting" line stands in. Not a live region: the Describe
 * view announces a text once it is done, not once per token.
 */
export function GeneratedText({
  kind,
  imageName,
  value,
  prefix,
}: {
  kind: GeneratedKind;
  imageName: string;
  value: GeneratedTextState | undefined;
  /** For a continuation: the typed start, shown before the generated rest. */
  prefix?: string;
}) {
  if (!value || value.state === 'queued') return <p className="hint generated waiting">{WAITING[kind]}</p>;
  const attributes = {
    'data-testid': kind,
    'data-image-name': imageName,
    'data-state': value.state,
    'data-token-ids': value.tokenIds.join(' '),
    'data-stopped': value.stopped ? 'true' : undefined,
  };
  if (value.state === 'error')
    return (
      <p className="generated error" {...attributes}>
        {value.message ?? 'This text could not be generated. Press Retry above, or reload the page.'}
      </p>
    );
  return (
    <p className={`generated${value.state === 'streaming' ? ' streaming' : ''}`}>
      {prefix !== undefined && (
        <>
          <span className="typed-prefix">
            <VisibleText text={prefix} />
          </span>{' '}
        </>
      )}
      <span {...attributes}>{value.text}</span>
      {value.state === 'streaming' && <span className="cursor" aria-hidden="true" />}
      {value.stopped && <span className="hint"> (stopped)</span>}
    </p>
  );
}
