import { useEffect, useRef, useState } from 'react';
import type { DescribeImageState, GeneratedTextState } from '../../store/describe/describe-types';
import type { ImageItem } from '../../store/images-slice';
import { visibleText } from '../../shared/visible-text';

const KINDS = [
  ['caption', 'Caption'],
  ['answer', 'Answer'],
  ['continuation', 'Continuation'],
] as const;

const finished = (t: GeneratedTextState | undefined) =>
  t !== undefined && t.state !== 'queued' && t.state !== 'streaming';

/**
 * Speaks each caption, answer and continuation once, when it is finished: the streamed tokens themselves are not
 * live, so a screen reader hears whole texts, not every token.
 */
export function DoneAnnouncer({
  images,
  byImage,
}: {
  images: ImageItem[];
  byImage: Record<string, DescribeImageState>;
}) {
  const [said, setSaid] = useState('');
  // Texts already finished when last seen, so each is said once (the first render says nothing).
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    const now = new Set<string>();
    const news: string[] = [];
    for (const item of images) {
      for (const [kind, word] of KINDS) {
        const text = byImage[item.id]?.[kind];
        if (!finished(text)) continue;
        const key = `${item.id}/${kind}`;
        now.add(key);
        if (seen.current && !seen.current.has(key))
          news.push(
            text!.state === 'error'
              ? `${word} of ${visibleText(item.name)} failed.`
              : `${word} of ${visibleText(item.name)}${text!.stopped ? ' (stopped)' : ''}: ${text!.text}`,
          );
      }
    }
    seen.current = now;
    if (news.length > 0) setSaid(news.join(' '));
  }, [images, byImage]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="describe-announcer">
      {said}
    </p>
  );
}
