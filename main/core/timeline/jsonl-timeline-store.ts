import { appendFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type TimelineEvent, type TimelineQuery, matchesTimelineFilter } from '../../../shared/timeline-contract.js';
import type { EventResumePoint } from './event-resume.js';
import { type NewTimelineEvent, type TimelineRetention, type TimelineStore, nanosPerSecond, resumePointOf } from './timeline-store.js';

/** A file may grow to this many times the kept events before it is rewritten with only those. */
const compactFactor = 1.25;
const hostFile = /^([A-Za-z0-9_-]{1,64})\.jsonl$/;

/**
 * The fallback where node:sqlite is missing: one append-only JSON-lines file per host
 * (`<dir>/<hostId>.jsonl`, one event per line, 0600), read whole into memory at start. Appending
 * is one write per batch; past 1.25 × the bound the file is rewritten (to a temporary file, then
 * renamed) with the events kept. A torn last line after a crash is skipped when read.
 * Memory: the kept events of every host (about 400 bytes each).
 */
export class JsonlTimelineStore implements TimelineStore {
  readonly kind = 'jsonl' as const;
  private readonly hosts = new Map<string, { events: TimelineEvent[]; lines: number }>();
  private nextSeq = 1;

  constructor(
    private readonly dir: string,
    private readonly retention: TimelineRetention,
    now = Date.now(),
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const entry of readdirSync(dir)) {
      const hostId = hostFile.exec(entry)?.[1];
      if (hostId) this.load(hostId);
    }
    this.prune(now);
  }

  append(events: readonly NewTimelineEvent[]): TimelineEvent[] {
    const stored = events.map((event) => ({ ...event, seq: this.nextSeq++ }));
    const byHost = new Map<string, TimelineEvent[]>();
    for (const event of stored) {
      const list = byHost.get(event.hostId);
      if (list) list.push(event);
      else byHost.set(event.hostId, [event]);
    }
    for (const [hostId, added] of byHost) {
      const host = this.host(hostId);
      appendFileSync(this.fileOf(hostId), added.map((event) => `${JSON.stringify(event)}\n`).join(''), { mode: 0o600 });
      host.events.push(...added);
      host.lines += added.length;
      if (host.events.length > this.retention.maxEventsPerHost) host.events.splice(0, host.events.length - this.retention.maxEventsPerHost);
      if (host.lines > this.retention.maxEventsPerHost * compactFactor) this.rewrite(hostId);
    }
    return stored;
  }

  query(query: TimelineQuery): { events: TimelineEvent[]; more: boolean } {
    const sources =
      query.hostId !== undefined ? [this.hosts.get(query.hostId)?.events ?? []] : [...this.hosts.values()].map((host) => host.events);
    const matching: TimelineEvent[] = [];
    for (const events of sources) {
      for (let index = events.length - 1; index >= 0; index -= 1) {
        const event = events[index]!;
        if (query.beforeSeq !== undefined && event.seq >= query.beforeSeq) continue;
        if (matchesTimelineFilter(event, query)) matching.push(event);
      }
    }
    matching.sort((a, b) => b.seq - a.seq);
    return { events: matching.slice(0, query.limit), more: matching.length > query.limit };
  }

  resumePoint(hostId: string): EventResumePoint | undefined {
    const events = this.hosts.get(hostId)?.events ?? [];
    let last = -Infinity;
    for (const event of events) last = Math.max(last, event.timeNano);
    if (last === -Infinity) return undefined;
    const secondStart = Math.floor(last / nanosPerSecond) * nanosPerSecond;
    return resumePointOf(events.filter((event) => event.timeNano >= secondStart));
  }

  prune(now: number): void {
    const oldest = (now - this.retention.maxAgeMs) * 1e6;
    for (const [hostId, host] of this.hosts) {
      const kept = host.events.filter((event) => event.timeNano >= oldest).slice(-this.retention.maxEventsPerHost);
      if (kept.length !== host.events.length || host.lines > kept.length) {
        host.events = kept;
        this.rewrite(hostId);
      }
    }
  }

  removeHost(hostId: string): void {
    this.hosts.delete(hostId);
    rmSync(this.fileOf(hostId), { force: true });
  }

  close(): void {
    this.hosts.clear();
  }

  private host(hostId: string): { events: TimelineEvent[]; lines: number } {
    let host = this.hosts.get(hostId);
    if (!host) this.hosts.set(hostId, (host = { events: [], lines: 0 }));
    return host;
  }

  private load(hostId: string): void {
    const host = this.host(hostId);
    for (const line of readFileSync(this.fileOf(hostId), 'utf8').split('\n')) {
      if (line === '') continue;
      host.lines += 1;
      try {
        const event = JSON.parse(line) as TimelineEvent;
        if (typeof event.seq !== 'number' || typeof event.timeNano !== 'number') continue;
        host.events.push(event);
        this.nextSeq = Math.max(this.nextSeq, event.seq + 1);
      } catch {
        // A line torn by a crash: skipped; the rest of the file stays readable.
      }
    }
    host.events = host.events.slice(-this.retention.maxEventsPerHost);
  }

  private rewrite(hostId: string): void {
    const host = this.host(hostId);
    const file = this.fileOf(hostId);
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, host.events.map((event) => `${JSON.stringify(event)}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, file);
    host.lines = host.events.length;
  }

  private fileOf(hostId: string): string {
    return path.join(this.dir, `${hostId}.jsonl`);
  }
}
