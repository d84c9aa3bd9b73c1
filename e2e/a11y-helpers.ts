import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { pinMini } from './helpers';

/** WCAG 2.0, 2.1 and 2.2 A/AA: what the README promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Rules axe leaves out of a WCAG run that the app must pass as well: `label-content-name-mismatch` (2.5.3, still
 * "experimental" in axe) and `heading-order` (a best practice; a skipped level misleads heading navigation).
 */
const EXTRA_RULES = ['label-content-name-mismatch', 'heading-order'];

/**
 * Every serious or critical axe violation on the page now (and any of EXTRA_RULES), one line each (rule, impact,
 * target, summary), labelled with `where`.
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])) })
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || EXTRA_RULES.includes(v.id))
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `[${where}] ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
      ),
    );
}

/** Whether focus sits on a visible element that is not the page itself (WCAG 2.4.3 after a removal). */
export function focusIsOnVisibleElement(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return false;
    const box = el.getBoundingClientRect();
    return el.checkVisibility({ visibilityProperty: true }) && box.width > 0 && box.height > 0;
  });
}

/**
 * openApp with more patience: these specs load the Mini on a busy shared machine, where starting it has taken over
 * the helpers' 60 s.
 */
export async function openAppPatiently(page: Page, query: string): Promise<void> {
  await page.goto(`./${pinMini(query)}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
}
