import { describe, expect, it } from 'vitest';
import { MAX_LABEL_CHARS, MAX_LABELS } from '../shared/settings';
import { currentLabels, droppedLabelCount } from './selectors';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `label ${i}`).join('\n');

describe('label limits', () => {
  it('keeps the first MAX_LABELS labels and counts the ones left out', () => {
    expect(currentLabels({ labelsText: lines(MAX_LABELS) })).toHaveLength(MAX_LABELS);
    expect(droppedLabelCount({ labelsText: lines(MAX_LABELS) })).toBe(0);
    expect(currentLabels({ labelsText: lines(MAX_LABELS + 250) })).toHaveLength(MAX_LABELS);
    expect(droppedLabelCount({ labelsText: lines(MAX_LABELS + 250) })).toBe(250);
  });

  it('cuts a label to MAX_LABEL_CHARS characters', () => {
    const [label] = currentLabels({ labelsText: 'x'.repeat(MAX_LABEL_CHARS + 100) });
    expect(label).toHaveLength(MAX_LABEL_CHARS);
  });
});
