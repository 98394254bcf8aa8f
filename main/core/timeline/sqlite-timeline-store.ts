import { chmodSync, closeSync, openSync } from 'node:fs';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { TimelineEvent, TimelineQuery } from '../../../shared/timeline-contract.js';
import type { EventResumePoint } from './event-resume.js';
import { type NewTimelineEvent, type TimelineRetention, type TimelineStore, nanosPerSecond, resumePointOf } from './timeline-store.js';

type SqliteModule = typeof import('node:sqlite');

/**
 * node:sqlite when the runtime has it (Node 22.13+ unflagged, Node 24; Electron since its fix of
 * the module's build in 2025), else undefined. Read through getBuiltinModule so a runtime without
 * it does not fail at import time and the bundler leaves it alone.
 */
export function loadSqlite(): SqliteModule | undefined {
  try {
    return process.getBuiltinModule('node:sqlite') as SqliteModule | undefined;
  } catch {
    return undefined;
  }
}

interface EventRow {
  seq: number;
  host: string;
  time_nano: number;
  type: string;
  action: string;
  actor_id: string;
  name: string | null;
  image: string | null;
  attributes: string;
}

/** Prunes a host after this many appends to it (and at open), so pruning costs little per event. */
const pruneEvery = 1_000;

/** The timeline in one SQLite file (WAL mode): one row per event, indexed by host and sequence. */
export class SqliteTimelineStore implements TimelineStore {
  readonly kind = 'sqlite' as const;
  private readonly db: DatabaseSync;
  private readonly appendsSincePrune = new Map<string, number>();

  constructor(
    sqlite: SqliteModule,
    file: string,
    private readonly retention: TimelineRetention,
    now = Date.now(),
  ) {
    if (file !== ':memory:') {
      // SQLite gives its -wal and -shm files the database file's mode: 0600 before it opens.
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    this.db = new sqlite.DatabaseSync(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        host TEXT NOT NULL,
        time_nano REAL NOT NULL,
        type TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        name TEXT,
        image TEXT,
        attributes TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS events_host_seq ON events (host, seq);
      CREATE INDEX IF NOT EXISTS events_time ON events (time_nano);
    `);
    this.prune(now);
  }

  append(events: readonly NewTimelineEvent[]): TimelineEvent[] {
    if (events.length === 0) return [];
    const insert = this.db.prepare(
      'INSERT INTO events (host, time_nano, type, action, actor_id, name, image, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const stored: TimelineEvent[] = [];
    this.db.exec('BEGIN');
    try {
      for (const event of events) {
        const result = insert.run(
          event.hostId,
          event.timeNano,
          event.type,
          event.action,
          event.actorId,
          event.name ?? null,
          event.image ?? null,
          JSON.stringify(event.attributes),
        );
        stored.push({ ...event, seq: Number(result.lastInsertRowid) });
        this.appendsSincePrune.set(event.hostId, (this.appendsSincePrune.get(event.hostId) ?? 0) + 1);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    for (const [hostId, count] of this.appendsSincePrune) if (count >= pruneEvery) this.pruneHost(hostId);
    return stored;
  }

  query(query: TimelineQuery): { events: TimelineEvent[]; more: boolean } {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    const add = (clause: string, ...values: SQLInputValue[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.hostId !== undefined) add('host = ?', query.hostId);
    if (query.types && query.types.length > 0) add(`type IN (${query.types.map(() => '?').join(', ')})`, ...query.types);
    if (query.action) add('instr(lower(action), lower(?)) > 0', query.action);
    if (query.container)
      add(
        "type = 'container' AND (instr(lower(coalesce(name, '')), lower(?)) > 0 OR substr(lower(actor_id), 1, ?) = lower(?))",
        query.container,
        query.container.length,
        query.container,
      );
    if (query.sinceMs !== undefined) add('time_nano >= ?', query.sinceMs * 1e6);
    if (query.untilMs !== undefined) add('time_nano < ?', (query.untilMs + 1) * 1e6);
    if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
    const sql = `SELECT * FROM events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, query.limit + 1) as unknown as EventRow[];
    return { events: rows.slice(0, query.limit).map(toEvent), more: rows.length > query.limit };
  }

  resumePoint(hostId: string): EventResumePoint | undefined {
    const last = this.db.prepare('SELECT max(time_nano) AS t FROM events WHERE host = ?').get(hostId) as { t: number | null } | undefined;
    if (!last || last.t === null) return undefined;
    const secondStart = Math.floor(last.t / nanosPerSecond) * nanosPerSecond;
    const rows = this.db
      .prepare('SELECT time_nano, type, action, actor_id FROM events WHERE host = ? AND time_nano >= ?')
      .all(hostId, secondStart) as unknown as EventRow[];
    return resumePointOf(rows.map((row) => ({ timeNano: row.time_nano, type: row.type, action: row.action, actorId: row.actor_id })));
  }

  prune(now: number): void {
    this.db.prepare('DELETE FROM events WHERE time_nano < ?').run((now - this.retention.maxAgeMs) * 1e6);
    const hosts = this.db.prepare('SELECT DISTINCT host FROM events').all() as Array<{ host: string }>;
    for (const { host } of hosts) this.pruneHost(host);
  }

  removeHost(hostId: string): void {
    this.db.prepare('DELETE FROM events WHERE host = ?').run(hostId);
    this.appendsSincePrune.delete(hostId);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private pruneHost(hostId: string): void {
    this.appendsSincePrune.set(hostId, 0);
    const cutoff = this.db
      .prepare('SELECT seq FROM events WHERE host = ? ORDER BY seq DESC LIMIT 1 OFFSET ?')
      .get(hostId, this.retention.maxEventsPerHost) as { seq: number } | undefined;
    if (cutoff) this.db.prepare('DELETE FROM events WHERE host = ? AND seq <= ?').run(hostId, cutoff.seq);
  }
}

function toEvent(row: EventRow): TimelineEvent {
  let attributes: Record<string, string> = {};
  try {
    attributes = JSON.parse(row.attributes) as Record<string, string>;
  } catch {
    // A damaged row keeps its other fields.
  }
  return {
    seq: row.seq,
    hostId: row.host,
    timeNano: row.time_nano,
    type: row.type,
    action: row.action,
    actorId: row.actor_id,
    ...(row.name !== null && { name: row.name }),
    ...(row.image !== null && { image: row.image }),
    attributes,
  };
}
