import path from 'node:path';
import { timelineMaxAgeDays, timelineMaxEventsPerHost } from '../../../shared/timeline-contract.js';
import { JsonlTimelineStore } from './jsonl-timeline-store.js';
import { SqliteTimelineStore, loadSqlite } from './sqlite-timeline-store.js';
import type { TimelineRetention, TimelineStore } from './timeline-store.js';

export const defaultTimelineRetention: TimelineRetention = {
  maxEventsPerHost: timelineMaxEventsPerHost,
  maxAgeMs: timelineMaxAgeDays * 24 * 3600_000,
};

/**
 * The timeline store in a data directory: `timeline.sqlite` through node:sqlite when the runtime
 * has it, else JSON-lines files under `timeline/` (same interface, same bounds).
 */
export function openTimelineStore(
  dataDir: string,
  retention: TimelineRetention = defaultTimelineRetention,
  sqlite = loadSqlite(),
): TimelineStore {
  if (sqlite) return new SqliteTimelineStore(sqlite, path.join(dataDir, 'timeline.sqlite'), retention);
  return new JsonlTimelineStore(path.join(dataDir, 'timeline'), retention);
}
