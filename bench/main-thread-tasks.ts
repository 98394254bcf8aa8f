import os from 'node:os';
import type { Browser, Page } from 'playwright-core';

/** The page's main-thread tasks while a trace ran: by wall time and by the thread's own CPU time. */
export interface MainThreadTasks {
  tasks: number;
  /** Longest task from start to end (what the Long Tasks API reports). */
  longestWallMs: number;
  /** Longest task counting only the time the renderer's main thread ran on a CPU. */
  longestCpuMs: number;
  /** Every task's thread time added up: the page's whole cost, whatever the load. */
  totalCpuMs: number;
  overFiftyWall: number;
  overFiftyCpu: number;
  /** The machine's 1-minute load average when the trace stopped (cores: os.availableParallelism()). */
  loadAverage: number;
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Traces the renderer's main thread while `work` runs. Wall time alone misleads on a shared
 * machine: a task the OS preempted looks long without the page doing anything. Chromium's trace
 * gives each task's thread time too (`tdur`), which is the page's own cost.
 */
export async function traceMainThreadTasks<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; tasks: MainThreadTasks }> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  const trace = await browser.stopTracing();
  if (process.env.BERTH_TRACE_OUT) (await import('node:fs')).writeFileSync(process.env.BERTH_TRACE_OUT, trace);
  return { result, tasks: summarizeTasks(JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }) };
}

/** What Chromium calls one main-thread task in a trace (the name changed between versions). */
const taskNames = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function summarizeTasks(trace: { traceEvents: TraceEvent[] }): MainThreadTasks {
  const events = trace.traceEvents;
  // The page's renderer main thread: Chromium may trace more than one renderer, so take the busiest.
  const mains = events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const tasksOf = (main: TraceEvent) =>
    events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && taskNames.has(event.name ?? ''));
  const tasks = mains.map(tasksOf).reduce<TraceEvent[]>((busiest, next) => (next.length > busiest.length ? next : busiest), []);
  const wall = tasks.map((task) => (task.dur ?? 0) / 1000);
  const cpu = tasks.map((task) => (task.tdur ?? 0) / 1000);
  return {
    tasks: tasks.length,
    longestWallMs: Math.max(0, ...wall),
    longestCpuMs: Math.max(0, ...cpu),
    totalCpuMs: cpu.reduce((sum, value) => sum + value, 0),
    overFiftyWall: wall.filter((value) => value > 50).length,
    overFiftyCpu: cpu.filter((value) => value > 50).length,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
