import type { BerthError } from '../../errors.js';
import type { StepReport } from './install-types.js';

/** Characters of output a step keeps; what comes after is dropped (and said so). */
export const STEP_OUTPUT_LIMIT = 128 * 1024;
/** At most one push of running output per this many milliseconds per log; state changes go at once. */
export const STEP_PUSH_INTERVAL_MS = 100;

const CUT_NOTE = '\n… output cut at 128 KiB\n';

/** One step in progress: collects output and reports every change. */
export interface StepHandle {
  /** Appends a line (a newline is added). */
  line(text: string): void;
  /** Appends raw text (command output as it arrives). */
  append(text: string): void;
  done(): void;
  skipped(reason: string): void;
  failed(error: BerthError): void;
}

/**
 * The reports of a run of steps (one install or rollback). State changes are sent to `onStep` at
 * once as a fresh copy; output that only grows is sent at most once per STEP_PUSH_INTERVAL_MS,
 * the latest text each time, and stops growing at STEP_OUTPUT_LIMIT, so a command that prints
 * byte by byte costs a few pushes, not one per chunk. A listener that throws is ignored, so a UI
 * bug cannot break an install half-way.
 */
export class StepLog<Id extends string> {
  private readonly reports: StepReport<Id>[] = [];
  /** Reports whose output changed since they were last sent. */
  private readonly pending = new Set<StepReport<Id>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly titles: readonly { id: Id; title: string }[],
    private readonly onStep: ((step: StepReport<Id>) => void) | undefined,
  ) {}

  start(id: Id): StepHandle {
    const title = this.titles.find((step) => step.id === id)?.title ?? id;
    const report: StepReport<Id> = { id, title, state: 'running', output: '' };
    this.flush();
    this.reports.push(report);
    this.emit(report);
    const append = (text: string): boolean => {
      if (text === '' || report.output.length >= STEP_OUTPUT_LIMIT) return false;
      const room = STEP_OUTPUT_LIMIT - CUT_NOTE.length - report.output.length;
      report.output = text.length <= room ? report.output + text : `${report.output}${text.slice(0, Math.max(0, room))}${CUT_NOTE}`;
      return true;
    };
    const changeState = (state: StepReport<Id>['state']): void => {
      report.state = state;
      this.pending.delete(report);
      this.emit(report);
    };
    return {
      line: (text) => {
        if (append(`${text}\n`)) this.outputChanged(report);
      },
      append: (text) => {
        if (append(text)) this.outputChanged(report);
      },
      done: () => changeState('done'),
      skipped: (reason) => {
        append(`${reason}\n`);
        changeState('skipped');
      },
      failed: (error) => {
        report.error = { code: error.code, message: error.message };
        changeState('failed');
      },
    };
  }

  all(): StepReport<Id>[] {
    return this.reports.map(copy);
  }

  private outputChanged(report: StepReport<Id>): void {
    this.pending.add(report);
    const wait = this.lastPushAt + STEP_PUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), wait);
    this.timer.unref?.();
  }

  /** Sends every report whose output changed and was not sent yet. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = [...this.pending];
    this.pending.clear();
    for (const report of pending) this.emit(report);
  }

  private emit(report: StepReport<Id>): void {
    this.lastPushAt = Date.now();
    if (this.pending.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    try {
      this.onStep?.(copy(report));
    } catch {
      // the listener's problem, not the install's
    }
  }
}

function copy<Id extends string>(report: StepReport<Id>): StepReport<Id> {
  return { ...report, ...(report.error ? { error: { ...report.error } } : {}) };
}
