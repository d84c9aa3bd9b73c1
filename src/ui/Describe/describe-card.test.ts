import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DescribeImageState } from '../../store/describe/describe-types';
import type { ImageItem } from '../../store/images-slice';
import { DescribeCard } from './DescribeCard';
import type { ClipSide } from './StrategyCharts';

// A throwaway per-image state, as the generator session would write it, rendered without a browser.
const item: ImageItem = { id: 'i1', name: 'red-circle.png', file: new Blob(), state: 'done' };
const labels = ['red circle', 'blue star'];
const clip: ClipSide = {
  name: 'Clipscope Mini',
  labels,
  scores: { probabilities: new Float32Array([0.9, 0.1]), similarities: new Float32Array([0.3, 0.1]) },
  rule: { kind: 'softmax', logitScale: 100, logitBias: 0 },
};
const state: DescribeImageState = {
  caption: { state: 'done', text: 'a red circle', tokenIds: [5, 6, 7], stopped: false },
  answer: { state: 'streaming', text: 'ye', tokenIds: [9], stopped: false },
  likelihood: {
    state: 'done',
    labels,
    probabilities: [0.25, 0.75],
    meanLogProbs: [-2, -0.9],
    prefix: 'a photo of a',
  },
};

const render = (over: Partial<Parameters<typeof DescribeCard>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(DescribeCard, {
      item,
      state,
      question: 'is there a star?',
      prefix: '',
      clip,
      agreement: { topAgrees: false, overlap: 0.35 },
      ...over,
    }),
  );

describe('DescribeCard', () => {
  it('shows both charts for the same labels, likelihood bars best first with their probabilities', () => {
    const html = render();
    const bars = [
      ...html.matchAll(
        /data-testid="likelihood-bar" data-image-name="red-circle.png" data-label="([^"]+)" data-score="([^"]+)"/g,
      ),
    ];
    expect(bars.map((m) => [m[1], Number(m[2])])).toEqual([
      ['blue star', 0.75],
      ['red circle', 0.25],
    ]);
    expect(html.match(/data-testid="bar"/g)).toHaveLength(2);
    expect(html).toContain('likelihood after “a photo of a”');
    expect(html).toContain('data-agree="false"');
    expect(html).toContain('overlap by 35%');
  });

  it('shows the answer only with a question, the continuation only with a prefix', () => {
    expect(render()).toContain('data-testid="answer"');
    expect(render({ question: '  ' })).not.toContain('data-testid="answer"');
    expect(render()).not.toContain('Waiting to continue');
    expect(render({ prefix: 'a photo of a' })).toContain('Waiting to continue the prefix');
  });
});
