// Main-thread tasks of a page from a Chromium trace, with their thread CPU time: on a loaded machine a task's wall
// time mostly measures how long the thread waited for a core, its CPU time what the page itself asked of it.
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTasks {
  longestWallMs: number;
  longestCpuMs: number;
  /** Tasks over 50 ms of thread CPU time. */
  overFiftyCpu: number;
}

/** Runs `work` while tracing the page; summarises the renderer main thread's tasks. */
export async function traceMainThread<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; tasks: MainThreadTasks }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const outcome = await work().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const trace = await browser.stopTracing();
  if ('error' in outcome) throw outcome.error;
  const result = outcome.value;
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`));
  const ms = (us = 0) => us / 1000;
  return {
    result,
    tasks: {
      longestWallMs: Math.max(0, ...tasks.map((t) => ms(t.dur))),
      longestCpuMs: Math.max(0, ...tasks.map((t) => ms(t.tdur))),
      overFiftyCpu: tasks.filter((t) => ms(t.tdur) > 50).length,
    },
  };
}
