import type { HostSnapshot } from '../../../shared/snapshot.js';
import { BerthError } from '../errors.js';
import { type DockerEvent, consumeEventStream } from '../events-stream.js';
import { readAllContainers, readSnapshot, withContainers } from '../snapshot-reader.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import type { EventResumeCursor } from '../timeline/event-resume.js';
import type { HealthBudget } from './health-budget.js';

/**
 * What one standby read returns: the snapshot, the daemon's `/version` (read once per host), and
 * the events the daemon logged since the cursor, up to `untilNano` (read through when `complete`).
 */
export interface StandbyReadResult {
  snapshot: HostSnapshot;
  version: unknown;
  events: DockerEvent[];
  untilNano: number;
  /** False when the event read stopped at its cap: the next read continues after the last event. */
  complete: boolean;
  /** The daemon's clock minus this machine's, as this read's `/info` showed it (or as given, for a light read). */
  clockOffsetMs: number;
  /** Whether `/info` and the container list were read (a full read), or only what the events called for. */
  full: boolean;
}

/** What a light read builds on: the host's last live snapshot and the daemon's clock learned by a full read. */
export interface LightReadBasis {
  previous: HostSnapshot;
  clockOffsetMs: number;
}

export interface StandbyReadRequest {
  hostId: string;
  /** `/version` from an earlier read: it is not asked again. */
  version?: unknown;
  /** Unix seconds: the events since then (the session's EventResumeCursor). */
  sinceSeconds: number;
  /** The snapshot shown now: a standby read keeps its disk usage unless `readDiskUsage` gives one. */
  previous: HostSnapshot | null;
  /** Fleet-wide `/system/df` pacing (StandbyDiskUsage): the raw df, or null to keep the previous reading; given this read's `/info`. */
  readDiskUsage?: (hostId: string, connection: DockerConnection, info: Promise<unknown>) => Promise<unknown> | null;
  /** Deadline of the bounded `/events` read (the request timeout). */
  timeoutMs: number;
  /** Given: a light read (the events first; the container list only when they name a container). */
  light?: LightReadBasis;
}

/** dockerd replays at most its last 256 events; a peer sending more than this is cut (and read on next time). */
export const maxEventsPerStandbyRead = 1_000;
/** And at most this many bytes of events. */
export const maxEventBytesPerStandbyRead = 4 * 1024 * 1024;

/** How many requests a read starts (for the budget's requests per second); a light read counts its possible container read. */
export function standbyReadRequests(kind: 'first' | 'full' | 'light'): number {
  return kind === 'first' ? 4 : kind === 'full' ? 3 : 2;
}

/** Every this many reads of a host, a full read: `/info` (storage, thin-pool usage, warnings) and the list, whatever the events said. */
export const fullReadEvery = 5;

/**
 * A standby host's light health read over a connection it opened for it: `/version` (first time
 * only), `/info`, `/containers/json?all=1`, and the events since the cursor up to the daemon's own
 * clock (`/info` SystemTime, so a skewed clock neither waits nor skips), as a bounded, non-streaming
 * read. Everything but the events runs in parallel.
 */
export async function readStandbyHost(connection: DockerConnection, request: StandbyReadRequest): Promise<StandbyReadResult> {
  if (request.light) {
    const light = await readChanges(connection, request, request.light);
    if (light) return light;
  }
  const { api } = connection;
  const version = request.version === undefined ? api.get('/version') : Promise.resolve(request.version);
  const info = api.get('/info');
  // Each is awaited below; this keeps a failure seen first elsewhere from being unhandled.
  version.catch(() => undefined);
  info.catch(() => undefined);
  const df = request.readDiskUsage?.(request.hostId, connection, info) ?? null;
  const events = info.then((body) => {
    const untilNano = daemonTimeNano(body);
    const clockOffsetMs = Math.round(untilNano / 1e6) - Date.now();
    return readEventRange(connection, request.sinceSeconds, untilNano, request.timeoutMs).then((read) => ({
      ...read,
      untilNano,
      clockOffsetMs,
    }));
  });
  events.catch(() => undefined);
  const snapshot = await readSnapshot(api, request.hostId, { version, info, diskUsage: () => df ?? Promise.resolve(null) });
  const read = await events;
  const diskUsage = df === null ? (request.previous?.diskUsage ?? null) : snapshot.diskUsage;
  return {
    snapshot: { ...snapshot, diskUsage },
    version: await version,
    events: read.events,
    untilNano: read.untilNano,
    complete: read.complete,
    clockOffsetMs: read.clockOffsetMs,
    full: true,
  };
}

/**
 * A light read, most of a standby host's reads: the events since the cursor up to the daemon's
 * clock as the last full read learned it (taken when `/info` had answered, so never ahead of the
 * daemon's own now), then the container list only if a container event came. An idle daemon costs
 * one request. Undefined, for a full read instead, when the events were cut at their cap (changes
 * may be missing from them) or the daemon itself changed (a `daemon` event: reload, …).
 */
async function readChanges(
  connection: DockerConnection,
  request: StandbyReadRequest,
  basis: LightReadBasis,
): Promise<StandbyReadResult | undefined> {
  const untilNano = (Date.now() + basis.clockOffsetMs) * 1e6;
  const read = await readEventRange(connection, request.sinceSeconds, untilNano, request.timeoutMs);
  if (!read.complete || read.events.some((event) => event.type === 'daemon')) return undefined;
  const containersChanged = read.events.some((event) => event.type === 'container');
  const snapshot = containersChanged ? withContainers(basis.previous, await readAllContainers(connection.api)) : basis.previous;
  return {
    snapshot,
    version: request.version,
    events: read.events,
    untilNano,
    complete: true,
    clockOffsetMs: basis.clockOffsetMs,
    full: false,
  };
}

/** `/info`'s SystemTime in nanoseconds (ms precision), or this machine's clock without one. */
function daemonTimeNano(info: unknown): number {
  const text = typeof info === 'object' && info !== null ? (info as Record<string, unknown>).SystemTime : undefined;
  const ms = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  return (Number.isFinite(ms) ? ms : Date.now()) * 1e6;
}

/** `GET /events?since=…&until=…`: the daemon sends what it logged in that range and ends the answer. */
async function readEventRange(
  connection: DockerConnection,
  sinceSeconds: number,
  untilNano: number,
  timeoutMs: number,
): Promise<{ events: DockerEvent[]; complete: boolean }> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  const events: DockerEvent[] = [];
  let cut = false;
  try {
    // Rounded: ms × 1e6 ÷ 1e6 is not exact in floating point.
    const until = (Math.round(untilNano / 1e6) / 1000).toFixed(3);
    // A first read's since comes from this machine's clock: never after the daemon's own now.
    const since = Math.min(sinceSeconds, Math.floor(untilNano / 1e9));
    const response = await connection.api.stream('/events', { since: String(since), until }, abort.signal);
    const stop = (): void => {
      cut = true;
      response.destroy();
    };
    let bytes = 0;
    response.on('data', (chunk: string | Buffer) => {
      bytes += chunk.length;
      if (bytes > maxEventBytesPerStandbyRead) stop();
    });
    await consumeEventStream(response, (event) => {
      if (cut) return;
      events.push(event);
      if (events.length >= maxEventsPerStandbyRead) stop();
    });
  } catch (error) {
    if (!timedOut) throw error;
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) {
    throw new BerthError(
      'TIMEOUT',
      `${connection.endpoint} did not finish sending its events within ${timeoutMs / 1000} s. The daemon may be overloaded; Berth will try again.`,
    );
  }
  return { events, complete: !cut };
}

/** How standby sessions read; one object shared by every session of a manager and tuned live. */
export interface StandbyReads {
  budget: HealthBudget;
  /** The delay until a standby host's next read: the interval, jittered so reads spread out. */
  nextReadDelayMs(): number;
  /** Fleet-wide `/system/df` pacing (absent: a standby host keeps its last disk usage). */
  readDiskUsage?: StandbyReadRequest['readDiskUsage'];
}

/**
 * One read within the budget: opens a connection (the caller's, with its deadlines and host-key
 * checks), reads, closes. A host's first read is not metered by requests per second, only by the
 * open-connection limit, so a start learns every status as fast as the daemons answer.
 */
export function runStandbyRead(
  reads: StandbyReads,
  open: () => Promise<DockerConnection>,
  request: Omit<StandbyReadRequest, 'readDiskUsage'>,
): Promise<StandbyReadResult> {
  const firstRead = request.version === undefined;
  return reads.budget.run(
    standbyReadRequests(firstRead ? 'first' : request.light ? 'light' : 'full'),
    async () => {
      const connection = await open();
      try {
        return await readStandbyHost(connection, { ...request, ...(reads.readDiskUsage && { readDiskUsage: reads.readDiskUsage }) });
      } finally {
        await connection.close().catch(() => undefined);
      }
    },
    { metered: !firstRead },
  );
}

/**
 * A standby session's reads: what it keeps between them (the daemon's `/version`) and how one
 * read's results are taken in. `commit` moves the event cursor and answers the events new to it;
 * the session calls it only while the read is still current (not superseded by a promotion), so a
 * dropped read never advances the cursor past events nobody saw.
 */
export class StandbyCycle {
  private version: unknown;
  /** Learned by the last full read; a light read needs it. */
  private clockOffsetMs: number | undefined;
  private lightReadsSinceFull = 0;

  constructor(
    private readonly reads: StandbyReads,
    private readonly cursor: EventResumeCursor,
  ) {}

  /** `shown` is what the host shows now, `live` the same when it was read in this run (else null). */
  async read(
    hostId: string,
    open: () => Promise<DockerConnection>,
    { shown: previous, live }: { shown: HostSnapshot | null; live: HostSnapshot | null },
    timeoutMs: number,
  ): Promise<{ snapshot: HostSnapshot; commit: () => DockerEvent[] }> {
    const since = this.cursor.sinceSeconds() ?? Math.floor(Date.now() / 1000) - 1;
    const light = this.lightBasis(live);
    const read = await runStandbyRead(this.reads, open, {
      hostId,
      version: this.version,
      sinceSeconds: since,
      previous,
      timeoutMs,
      ...(light && { light }),
    }).catch((error: unknown) => {
      // After a failed read the next one is full: it learns the daemon's clock again (it may have been set back).
      this.clockOffsetMs = undefined;
      throw error;
    });
    return {
      snapshot: read.snapshot,
      commit: () => {
        this.version = read.version;
        this.clockOffsetMs = read.clockOffsetMs;
        this.lightReadsSinceFull = read.full ? 0 : this.lightReadsSinceFull + 1;
        this.cursor.opened(since);
        const fresh = read.events.filter((event) => this.cursor.accept(event));
        if (read.complete) this.cursor.readThrough(read.untilNano);
        return fresh;
      },
    };
  }

  /** The delay until the next read: the interval, jittered. */
  nextReadDelayMs(): number {
    return this.reads.nextReadDelayMs();
  }

  /**
   * A light read builds on a snapshot read from the daemon in this run (never one restored from an
   * earlier run) and on the clock of a full read; every fullReadEvery-th read is full.
   */
  private lightBasis(live: HostSnapshot | null): LightReadBasis | undefined {
    if (!live || this.clockOffsetMs === undefined || this.lightReadsSinceFull >= fullReadEvery - 1) return undefined;
    return { previous: live, clockOffsetMs: this.clockOffsetMs };
  }
}
