import { describe, expect, it } from 'vitest';
import { ruleMessages } from './lint-text';

// The lint rule that keeps user text out of HTML parsers is itself tested, so it cannot silently disappear.
const ruleHits = (code: string, file = 'src/ui/Probe/Probe.tsx') => ruleMessages('no-restricted-syntax', code, file);

describe('raw-HTML sinks are a lint error in src/', () => {
  it('forbids dangerouslySetInnerHTML', async () => {
    const hits = await ruleHits(
      'export const P = ({ t }: { t: string }) => <p dangerouslySetInnerHTML={{ __html: t }} />;\n',
    );
    expect(hits.join()).toContain('dangerouslySetInnerHTML is forbidden');
  });

  it('forbids innerHTML, outerHTML, insertAdjacentHTML and document.write', async () => {
    const code = [
      'export function f(el: HTMLElement, t: string) {',
      '  el.innerHTML = t;',
      '  el.outerHTML = t;',
      "  el.insertAdjacentHTML('beforeend', t);",
      '  document.write(t);',
      '}',
      '',
    ].join('\n');
    expect(await ruleHits(code, 'src/store/probe.ts')).toHaveLength(4);
  });

  it('allows text', async () => {
    expect(await ruleHits('export const P = ({ t }: { t: string }) => <p title={t}>{t}</p>;\n')).toEqual([]);
  });
});
