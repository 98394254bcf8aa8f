import { type ImageSummary, readImageList } from '../../../shared/docker/images.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import { type HostImages, type ImagesAnswer, MAX_IMAGES_ANSWER_BYTES } from '../../../shared/search-contract.js';
import type { ConnectionEvent, ConnectionListener } from '../connection-manager.js';
import { toEnvelope } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';

export interface ImageCatalogSource {
  subscribe(listener: ConnectionListener): () => void;
  /** Every known host id. */
  ids(): string[];
  /** The host's connection while it is ready, else null. */
  connection(hostId: string): DockerConnection | null;
}

interface HostEntry {
  /** Bumped whenever what a client would receive changes. */
  version: number;
  /** Set when the list may be out of date; the next ask re-reads it. */
  stale: boolean;
  result: { images: ImageSummary[]; listed: number } | { error: ErrorEnvelope } | undefined;
  /** JSON of `result`, to bump the version only on a real change. */
  fingerprint: string;
  reading: Promise<void> | undefined;
}

/** At most this many hosts' image lists are read at once when a search asks for all of them. */
const READ_CONCURRENCY = 8;

/**
 * Each host's images for the fleet search, read lazily: nothing is read until a client asks,
 * and a host is read again only after something may have changed: an image event on its event
 * stream (pull, tag, untag, delete, load, …) or a (re)connection, after which events may have
 * been missed. Clients hear of it (`notify`) once per stale period, not once per event of a
 * burst. Lists are bounded by imageLimits (5,000 images, 32 tags, 1 MB per host) and the body by
 * the list cap of response-caps.ts.
 */
export class ImageCatalog {
  private readonly hosts = new Map<string, HostEntry>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: ImageCatalogSource,
    private readonly notify: (hostId: string) => void,
  ) {
    this.unsubscribe = source.subscribe((event) => this.onEvent(event));
  }

  dispose(): void {
    this.unsubscribe();
    this.hosts.clear();
  }

  /** The hosts whose images differ from `known` (hostId → version), reading stale ones first. */
  async changedSince(known: Readonly<Record<string, number>>): Promise<ImagesAnswer> {
    const ids = this.source.ids();
    const due = ids.filter((id) => this.entry(id).stale && this.source.connection(id) !== null);
    await runLimited(due, READ_CONCURRENCY, (id) => this.read(id));
    const changed: HostImages[] = [];
    let bytes = 0;
    let more = false;
    for (const id of ids) {
      const entry = this.entry(id);
      if (entry.result === undefined || known[id] === entry.version) continue;
      // Each host's list is at most imageLimits.listBytes; the answer stops before the message limit.
      bytes += entry.fingerprint.length;
      if (bytes > MAX_IMAGES_ANSWER_BYTES && changed.length > 0) {
        more = true;
        break;
      }
      changed.push({ hostId: id, version: entry.version, ...entry.result });
    }
    const present = new Set(ids);
    return { changed, gone: Object.keys(known).filter((id) => !present.has(id)), ...(more ? { more: true as const } : {}) };
  }

  private onEvent(event: ConnectionEvent): void {
    if (event.type === 'removed') {
      this.hosts.delete(event.hostId);
      this.notify(event.hostId);
      return;
    }
    // A standby host (not held live) reports ready after every health read: its images are read once it is live.
    const changed =
      (event.type === 'docker-event' && event.event.type === 'image') ||
      (event.type === 'status' && event.status.state === 'ready' && event.status.standby === undefined);
    if (!changed) return;
    const entry = this.entry(event.hostId);
    if (entry.stale && entry.result !== undefined) return;
    entry.stale = true;
    this.notify(event.hostId);
  }

  private entry(hostId: string): HostEntry {
    let entry = this.hosts.get(hostId);
    if (!entry) {
      entry = { version: 0, stale: true, result: undefined, fingerprint: '', reading: undefined };
      this.hosts.set(hostId, entry);
    }
    return entry;
  }

  /** One read per host at a time; asks during a read share it. */
  private read(hostId: string): Promise<void> {
    const entry = this.entry(hostId);
    entry.reading ??= (async () => {
      const connection = this.source.connection(hostId);
      if (!connection) return;
      entry.stale = false;
      let result: HostEntry['result'];
      try {
        result = readImageList(await connection.api.get('/images/json'));
      } catch (error) {
        // Read again at the next ask: the failure may be the host going away.
        entry.stale = true;
        result = { error: toEnvelope(error) };
      }
      const fingerprint = JSON.stringify(result);
      if (fingerprint !== entry.fingerprint) {
        entry.fingerprint = fingerprint;
        entry.result = result;
        entry.version += 1;
      }
    })().finally(() => {
      entry.reading = undefined;
    });
    return entry.reading;
  }
}

async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
