import { useEffect, useState } from 'react';
import type { DescribeImageState } from '../../store/describe/describe-types';
import type { ImageItem } from '../../store/images-slice';
import { appStore } from '../../store/store';
import { visibleText } from '../../shared/visible-text';

const KINDS = [
  ['caption', 'Caption'],
  ['answer', 'Answer'],
  ['continuation', 'Continuation'],
] as const;

/** Every finished text, keyed by image and kind, with what a screen reader should say about it. */
function finishedTexts(images: ImageItem[], byImage: Record<string, DescribeImageState>): Map<string, string> {
  const said = new Map<string, string>();
  for (const item of images) {
    for (const [kind, word] of KINDS) {
      const text = byImage[item.id]?.[kind];
      if (!text || text.state === 'queued' || text.state === 'streaming') continue;
      const name = visibleText(item.name);
      said.set(
        `${item.id}/${kind}/${text.text}`,
        text.state === 'error'
          ? `${word} of ${name} failed.`
          : `${word} of ${name}${text.stopped ? ' (stopped)' : ''}: ${text.text}`,
      );
    }
  }
  return said;
}

/**
 * Speaks each caption, answer and continuation once, when it is finished: the streamed tokens themselves are not
 * in a live region, so a screen reader hears whole texts, not every token.
 */
export function DoneAnnouncer() {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const start = appStore.getState();
    // What was finished already when the view opened is not said again.
    let previous = finishedTexts(start.images, start.describeByImage);
    return appStore.subscribe((state) => {
      const next = finishedTexts(state.images, state.describeByImage);
      const news = [...next].filter(([key]) => !previous.has(key)).map(([, words]) => words);
      previous = next;
      if (news.length > 0) setSaid(news.join(' '));
    });
  }, []);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="describe-announcer">
      {said}
    </p>
  );
}
