import type { LogFilter } from './log-filter';
import type { LogLine, LogStore } from './log-store';

/**
 * The lines of a LogStore that pass a filter, kept up to date incrementally: each update tests
 * only the lines appended since the last one and forgets matches the store has dropped, so a
 * chatty container with a filter on costs work per new line, not per kept line per frame.
 * Without a filter it is the store itself.
 */
export class FilteredLines {
  /** Seqs of matching lines, ascending; those before `head` were dropped by the store. */
  private seqs: number[] = [];
  private head = 0;
  /** Lines with a seq below this have been tested. */
  private testedTo: number;
  private seenVersion = -1;

  constructor(
    private readonly store: LogStore,
    readonly filter: LogFilter | null,
  ) {
    this.testedTo = store.firstSeq;
  }

  /** Lines in the view: the matches, or every kept line without a filter. */
  get size(): number {
    this.update();
    return this.filter ? this.seqs.length - this.head : this.store.size;
  }

  /** The `index`th line in the view (0 = oldest). */
  at(index: number): LogLine | undefined {
    this.update();
    if (!this.filter) return this.store.at(index);
    const seq = this.seqs[this.head + index];
    return seq === undefined || index < 0 ? undefined : this.store.bySeq(seq);
  }

  /** Brings the matches up to date with the store (cheap when nothing changed). */
  private update(): void {
    const store = this.store;
    if (!this.filter || this.seenVersion === store.version) return;
    this.seenVersion = store.version;
    const first = store.firstSeq;
    if (this.testedTo < first) this.testedTo = first;
    for (let seq = this.testedTo; seq < store.endSeq; seq += 1) {
      const line = store.bySeq(seq);
      if (line && this.filter.test(line.plain)) this.seqs.push(seq);
    }
    this.testedTo = store.endSeq;
    while (this.head < this.seqs.length && (this.seqs[this.head] ?? first) < first) this.head += 1;
    // Compact now and then, so forgotten matches cost no memory and the shift stays amortized O(1).
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
  }
}
