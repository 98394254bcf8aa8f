import type { BerthError } from '../../errors.js';
import type { StepReport } from './install-types.js';

const MAX_OUTPUT_CHARS = 128 * 1024;

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
 * The reports of a run of steps. Every change is sent to `onStep` as a fresh copy; a listener that
 * throws is ignored, so a UI bug cannot break an install half-way.
 */
export class StepLog<Id extends string> {
  private readonly reports: StepReport<Id>[] = [];

  constructor(
    private readonly titles: readonly { id: Id; title: string }[],
    private readonly onStep: ((step: StepReport<Id>) => void) | undefined,
  ) {}

  start(id: Id): StepHandle {
    const title = this.titles.find((step) => step.id === id)?.title ?? id;
    const report: StepReport<Id> = { id, title, state: 'running', output: '' };
    this.reports.push(report);
    this.emit(report);
    const append = (text: string): void => {
      if (report.output.length >= MAX_OUTPUT_CHARS) return;
      report.output = (report.output + text).slice(0, MAX_OUTPUT_CHARS);
    };
    return {
      line: (text) => {
        append(`${text}\n`);
        this.emit(report);
      },
      append: (text) => {
        append(text);
        this.emit(report);
      },
      done: () => {
        report.state = 'done';
        this.emit(report);
      },
      skipped: (reason) => {
        append(`${reason}\n`);
        report.state = 'skipped';
        this.emit(report);
      },
      failed: (error) => {
        report.state = 'failed';
        report.error = { code: error.code, message: error.message };
        this.emit(report);
      },
    };
  }

  all(): StepReport<Id>[] {
    return this.reports.map(copy);
  }

  private emit(report: StepReport<Id>): void {
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
