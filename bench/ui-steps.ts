// The timed steps of the end-to-end benchmark, run in the real UI through Playwright.
import type { Browser, JSHandle, Page } from 'playwright-core';
import { traceMainThread } from './main-thread-trace';

import { makeTransfer, type DropFile } from '../e2e/helpers';

export type { DropFile };

/** Dispatches a real drop and resolves with ms from the drop to every dropped card showing `bars` bars. */
async function timeDrop(page: Page, transfer: JSHandle<DataTransfer>, bars: number): Promise<number> {
  return page.evaluate(
    async ({ transfer, bars }) => {
      const names = Array.from(transfer.files, (f) => f.name);
      const done = () =>
        names.every(
          (n) =>
            document.querySelectorAll(`[data-testid="result-card"][data-image-name="${n}"] [data-testid="bar"]`)
              .length === bars,
        );
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      const start = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
      while (!done()) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    },
    { transfer, bars },
  );
}

/** Replaces one label in the editor and resolves with ms until every card shows a bar for the new label. */
async function timeLabelEdit(page: Page, labels: string[], index: number, replacement: string): Promise<number> {
  const next = labels.map((l, i) => (i === index ? replacement : l)).join('\n');
  return page.evaluate(
    async ({ text, replacement }) => {
      const editor = document.querySelector<HTMLTextAreaElement>('[data-testid="labels-editor"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      const cards = () => Array.from(document.querySelectorAll('[data-testid="result-card"]'));
      const start = performance.now();
      setValue.call(editor, text);
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      const updated = () =>
        cards().every((c) => c.querySelector(`[data-testid="bar"][data-label="${CSS.escape(replacement)}"]`));
      while (!updated()) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    },
    { text: next, replacement },
  );
}

export async function waitReady(page: Page): Promise<number> {
  const start = Date.now();
  await page.waitForSelector('[data-testid="model-status"][data-state="ready"]', { timeout: 300_000 });
  return Date.now() - start;
}

/**
 * Records main-thread long tasks from the first script on; read them with longestTaskMs. Also defines the
 * `__name` helper that tsx's esbuild adds to functions passed to page.evaluate.
 */
export const LONG_TASK_RECORDER = `
globalThis.__name = globalThis.__name || ((fn) => fn);
globalThis.__longTasks = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => globalThis.__longTasks.push([e.startTime, e.duration])))
  .observe({ type: 'longtask', buffered: true });
`;

/**
 * The longest main-thread task that started at or after `since` (performance.now() of the page), and how many
 * took over 50 ms. Entries reach the observer late, so it first lets a few frames pass.
 */
async function longestTaskMs(page: Page, since: number): Promise<{ longest: number; count: number }> {
  return page.evaluate(async (since) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const tasks = (globalThis as unknown as { __longTasks: [number, number][] }).__longTasks
      .filter(([start]) => start >= since)
      .map(([, duration]) => duration);
    return { longest: Math.max(0, ...tasks), count: tasks.length };
  }, since);
}

export interface AppRound {
  readyMs: number;
  dropToAllBarsMs: number;
  /** With `trace`, from a trace of the drop: the longest main-thread task in wall time and in thread CPU time. */
  longestTaskTraceWallMs: number;
  longestTaskCpuMs: number;
  labelEditMs: number;
  addOneImageMs: number;
  longestTaskMs: number;
  longTasks: number;
}

/**
 * One round of the app workload on a freshly (re)loaded page: labels set and encoded, then `images` dropped, one
 * label edited, `extra` dropped. Every timing is from the event to the last bar it must produce.
 */
export async function runAppRound(
  browser: Browser,
  page: Page,
  labels: string[],
  edit: { index: number; replacement: string },
  images: DropFile[],
  extra: DropFile,
  trace = false,
): Promise<AppRound> {
  const readyMs = await waitReady(page);
  await page.getByTestId('labels-editor').fill(labels.join('\n'));
  await page.waitForFunction(() => !document.body.textContent?.includes('encoding'));
  const all = await makeTransfer(page, images);
  const one = await makeTransfer(page, [extra]);
  // Only tasks from the drop on count: building the DataTransfer above is the harness's work, not the app's.
  const since = await page.evaluate(() => performance.now());
  // Tracing costs a little time, so only a round of its own is traced.
  const drop = () => timeDrop(page, all, labels.length);
  const traced = trace
    ? await traceMainThread(browser, page, drop)
    : { result: await drop(), tasks: { longestWallMs: NaN, longestCpuMs: NaN } };
  const dropToAllBarsMs = traced.result;
  const tasks = await longestTaskMs(page, since);
  const labelEditMs = await timeLabelEdit(page, labels, edit.index, edit.replacement);
  const addOneImageMs = await timeDrop(page, one, labels.length);
  return {
    readyMs,
    dropToAllBarsMs,
    longestTaskTraceWallMs: traced.tasks.longestWallMs,
    longestTaskCpuMs: traced.tasks.longestCpuMs,
    labelEditMs,
    addOneImageMs,
    longestTaskMs: tasks.longest,
    longTasks: tasks.count,
  };
}

/**
 * Raw session.run timed inside the app's own page, in a worker of its own (bench/page/raw-encode.js with `query`),
 * right before the app's round: same page, same process priority, same machine load. Resolves with the ms of
 * `runs` runs after warm-up; the worker is gone before the app's work starts.
 */
export async function timeRawInPage(page: Page, query: string, runs: number): Promise<number> {
  return page.evaluate(
    async ({ query, runs }) => {
      const worker = new Worker(`/bench/page/raw-encode.js?${query}`, { type: 'module', name: 'raw-encode' });
      try {
        const reply = () =>
          new Promise<{ result?: { error?: string }; ran?: number }>((resolve, reject) => {
            worker.onmessage = ({ data }) => resolve(data);
            worker.onerror = (event) => reject(new Error(event.message || 'the raw worker failed'));
          });
        const ready = await reply();
        if (ready.result?.error) throw new Error(ready.result.error);
        const ran = reply();
        worker.postMessage({ run: runs });
        return (await ran).ran!;
      } finally {
        worker.terminate();
      }
    },
    { query, runs },
  );
}
