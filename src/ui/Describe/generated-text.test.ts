import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GeneratedTextState } from '../../store/describe/describe-types';
import { GeneratedText, type GeneratedKind } from './GeneratedText';

const render = (kind: GeneratedKind, value: GeneratedTextState | undefined, prefix?: string) =>
  renderToStaticMarkup(createElement(GeneratedText, { kind, imageName: 'a.png', value, prefix }));

const text = (over: Partial<GeneratedTextState>): GeneratedTextState => ({
  state: 'streaming',
  text: 'a red',
  tokenIds: [4, 9],
  stopped: false,
  ...over,
});

describe('GeneratedText', () => {
  it('shows a waiting line, with no test id, before its generation starts', () => {
    for (const value of [undefined, text({ state: 'queued', text: '', tokenIds: [] })]) {
      const html = render('caption', value);
      expect(html).not.toContain('data-testid');
      expect(html).toContain('Waiting to write a caption');
    }
  });

  it('carries the state, the ids and the stop on the element whose text is the generated text only', () => {
    const html = render('caption', text({ state: 'done', stopped: true }));
    expect(html).toContain(
      '<span data-testid="caption" data-image-name="a.png" data-state="done" data-token-ids="4 9" data-stopped="true">a red</span>',
    );
    expect(render('caption', text({}))).not.toContain('data-stopped');
  });

  it('shows a continuation after its typed prefix, outside the continuation element', () => {
    const html = render('continuation', text({ text: 'circle' }), 'a photo of a');
    expect(html).toMatch(/a photo of a<\/bdi><\/span> <span data-testid="continuation"[^>]*>circle<\/span>/);
  });

  it('says what to do when the generation failed', () => {
    const html = render('answer', text({ state: 'error', message: 'The worker failed: press Retry.' }));
    expect(html).toContain('data-state="error"');
    expect(html).toContain('The worker failed: press Retry.');
  });
});
