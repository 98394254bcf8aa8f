import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AppWarning } from '../../../shared/contract.js';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import { decodeSnapshotFile, encodeSnapshotFile } from './snapshot-file.js';
import { moveAside } from './store-file.js';

/** A snapshot file above this is not written whole: its newest containers that fit are kept. */
export const SNAPSHOT_FILE_CAP_BYTES = 8 * 1024 * 1024;
/** At most one write per host in this time; the latest snapshot wins. */
export const SNAPSHOT_WRITE_INTERVAL_MS = 10_000;
/** How long a first change waits, so the burst of a connect (snapshot, then disk usage) is one write. */
export const SNAPSHOT_SETTLE_MS = 2_000;

/** What the service needs of the store: restore at start, save what is read, forget removed hosts. */
export interface SnapshotPersistence {
  restore(hostId: string): HostSnapshot | undefined;
  /** What a host without a session shows (secrets locked): as restore, but kept in memory after the first read. */
  shown(hostId: string): HostSnapshot | undefined;
  save(snapshot: HostSnapshot): void;
  remove(hostId: string): Promise<void>;
  /** Files set aside and writes that failed, for app:info (at most 10). */
  readonly warnings: readonly AppWarning[];
  /** Deletes the files of hosts not in `hostIds` (removed while Berth was not running). */
  retainOnly(hostIds: readonly string[]): Promise<void>;
  /** Writes what waits and stops taking new snapshots. */
  dispose(): Promise<void>;
}

export interface SnapshotStoreOptions {
  /** The data directory; files go to `<dataDir>/snapshots/`. */
  dataDir: string;
  capBytes?: number;
  writeIntervalMs?: number;
  settleMs?: number;
  now?: () => number;
}

interface HostWrites {
  /** The newest snapshot not yet written. */
  pending: HostSnapshot | undefined;
  timer: NodeJS.Timeout | undefined;
  /** In the write queue: that write takes whatever is pending when it runs. */
  queued: boolean;
  lastWriteAt: number;
}

const fileName = /^([A-Za-z0-9_-]+)\.json$/;
const tempName = /^\.[A-Za-z0-9_-]+\.json\.\d+\.\d+\.tmp$/;

/**
 * Each host's latest HostSnapshot in `<dataDir>/snapshots/<hostId>.json` (directory 0700, files
 * 0600), so a restart shows every host at once, before any connection. Writes are throttled per
 * host and go one at a time through a queue, each to a temporary file renamed over the old one
 * (a reader never sees half a file). A snapshot holds what the daemon reported (its /info,
 * containers with names, images, labels and ports, disk usage), never a profile, password, key
 * or any other secret of Berth's.
 */
export class SnapshotStore implements SnapshotPersistence {
  readonly dir: string;
  readonly warnings: AppWarning[] = [];
  private readonly hosts = new Map<string, HostWrites>();
  /** What shown() read for hosts without a session, so a locked host costs one file read, not one per look. */
  private readonly shownSnapshots = new Map<string, HostSnapshot | undefined>();
  private readonly capBytes: number;
  private readonly writeIntervalMs: number;
  private readonly settleMs: number;
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();
  private tempCounter = 0;
  private writeWarned = false;
  private disposed = false;

  constructor(options: SnapshotStoreOptions) {
    this.dir = path.join(options.dataDir, 'snapshots');
    this.capBytes = options.capBytes ?? SNAPSHOT_FILE_CAP_BYTES;
    this.writeIntervalMs = options.writeIntervalMs ?? SNAPSHOT_WRITE_INTERVAL_MS;
    this.settleMs = options.settleMs ?? SNAPSHOT_SETTLE_MS;
    this.now = options.now ?? Date.now;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  fileOf(hostId: string): string {
    return path.join(this.dir, `${hostId}.json`);
  }

  /**
   * The host's stored snapshot, or undefined when there is none. A file that is damaged, too
   * large, of another schema version or of another host is moved aside with a warning.
   */
  restore(hostId: string): HostSnapshot | undefined {
    if (!isHostId(hostId)) return undefined;
    // A session restores the host and holds it from now on; shown() is for hosts without one.
    this.shownSnapshots.delete(hostId);
    const read = readSnapshotFile(this.fileOf(hostId), hostId, this.capBytes);
    if (read.kind === 'unusable') return this.setAside(hostId, read.reason);
    return read.kind === 'ok' ? read.snapshot : undefined;
  }

  shown(hostId: string): HostSnapshot | undefined {
    if (!this.shownSnapshots.has(hostId)) {
      const snapshot = this.restore(hostId);
      if (isHostId(hostId)) this.shownSnapshots.set(hostId, snapshot);
    }
    return this.shownSnapshots.get(hostId);
  }

  /** Keeps `snapshot` to be written: within the settle time, and no sooner than the write interval after the last write. */
  save(snapshot: HostSnapshot): void {
    if (this.disposed || !isHostId(snapshot.hostId)) return;
    const writes = this.writesOf(snapshot.hostId);
    writes.pending = snapshot;
    this.shownSnapshots.delete(snapshot.hostId);
    if (writes.timer || writes.queued) return;
    const delay = Math.max(this.settleMs, writes.lastWriteAt + this.writeIntervalMs - this.now());
    writes.timer = setTimeout(() => {
      writes.timer = undefined;
      this.enqueue(snapshot.hostId);
    }, delay);
    writes.timer.unref?.();
  }

  /** Forgets the host: a waiting write is dropped, one under way finishes first, then the file is deleted. */
  remove(hostId: string): Promise<void> {
    this.forget(hostId);
    return this.serialise(() => unlink(this.fileOf(hostId)).catch(ignoreMissing));
  }

  async retainOnly(hostIds: readonly string[]): Promise<void> {
    const keep = new Set(hostIds);
    const stale = readdirSync(this.dir).filter((name) => {
      const id = fileName.exec(name)?.[1];
      return (id !== undefined && !keep.has(id)) || tempName.test(name);
    });
    for (const id of [...this.hosts.keys(), ...this.shownSnapshots.keys()]) if (!keep.has(id)) this.forget(id);
    await this.serialise(async () => {
      for (const name of stale) await unlink(path.join(this.dir, name)).catch(ignoreMissing);
    });
  }

  /** Resolves once no file work is queued or under way (tests; shutdown uses dispose). */
  async whenIdle(): Promise<void> {
    let queue: Promise<void>;
    do {
      queue = this.queue;
      await queue;
    } while (queue !== this.queue);
  }

  /** Writes every waiting snapshot now (shutdown); later saves are ignored. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const [hostId, writes] of this.hosts) {
      clearTimeout(writes.timer);
      writes.timer = undefined;
      if (writes.pending && !writes.queued) this.enqueue(hostId);
    }
    await this.whenIdle();
  }

  private writesOf(hostId: string): HostWrites {
    let writes = this.hosts.get(hostId);
    if (!writes) {
      writes = { pending: undefined, timer: undefined, queued: false, lastWriteAt: Number.NEGATIVE_INFINITY };
      this.hosts.set(hostId, writes);
    }
    return writes;
  }

  private forget(hostId: string): void {
    clearTimeout(this.hosts.get(hostId)?.timer);
    this.hosts.delete(hostId);
    this.shownSnapshots.delete(hostId);
  }

  private enqueue(hostId: string): void {
    const writes = this.hosts.get(hostId);
    if (!writes) return;
    writes.queued = true;
    void this.serialise(async () => {
      // The host may have been removed meanwhile; then its entry is gone and nothing is written.
      if (this.hosts.get(hostId) !== writes) return;
      const snapshot = writes.pending;
      writes.pending = undefined;
      writes.queued = false;
      if (!snapshot) return;
      writes.lastWriteAt = this.now();
      await this.write(snapshot);
      // shown() may have read the file before this write: read again next time.
      this.shownSnapshots.delete(hostId);
      // Saved while this one was written: written in turn, one interval after this one.
      if (writes.pending && !this.disposed && this.hosts.get(hostId) === writes) this.save(writes.pending);
    });
  }

  private async write(snapshot: HostSnapshot): Promise<void> {
    const file = this.fileOf(snapshot.hostId);
    const text = encodeSnapshotFile(snapshot, this.now(), this.capBytes);
    if (text === null) {
      // Only if the cap is set below the size of a snapshot without containers: an old file would be misleading.
      await unlink(file).catch(ignoreMissing);
      return;
    }
    const temp = path.join(this.dir, `.${snapshot.hostId}.json.${process.pid}.${(this.tempCounter += 1)}.tmp`);
    let opened = false;
    try {
      const handle = await open(temp, 'wx', 0o600);
      opened = true;
      try {
        await handle.writeFile(text, 'utf8');
        // On disk before the rename, so a power cut leaves the old file or the new one, not an empty one.
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      // Only a file this write created is removed (`wx` never opens someone else's).
      if (opened) await unlink(temp).catch(() => undefined);
      this.writeFailed(error);
    }
  }

  private writeFailed(error: unknown): void {
    // One warning per run: a full disk fails every host's write the same way.
    if (this.writeWarned) return;
    this.writeWarned = true;
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    this.warn({
      code: 'SNAPSHOT_NOT_SAVED',
      message: `Berth could not save host snapshots in ${this.dir} (${code}). Hosts still connect and show live data, but after a restart they show nothing until they answer. Check that the folder is writable and the disk has space.`,
    });
  }

  private setAside(hostId: string, reason: string): undefined {
    const file = this.fileOf(hostId);
    let where: string;
    try {
      where = `it is kept as ${moveAside(file, new Date(this.now()))}`;
    } catch (error) {
      // Left where it is; the next live snapshot overwrites it.
      where = `it could not be moved aside (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
    }
    this.warn({
      code: 'SNAPSHOT_RECOVERED',
      message: `The saved snapshot of host ${hostId} (${file}) could not be used: ${reason}; ${where}. The host shows its data once it answers.`,
    });
    return undefined;
  }

  /** Ten are enough to see the pattern; a damaged folder must not flood the start-up banner. */
  private warn(warning: AppWarning): void {
    if (this.warnings.length < 10) this.warnings.push(warning);
  }

  /** Runs file work one piece at a time, in order; a failure of one piece never stops the next. */
  private serialise(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch(() => undefined);
    this.queue = next;
    return next;
  }
}

export type SnapshotRead = { kind: 'ok'; snapshot: HostSnapshot } | { kind: 'missing' } | { kind: 'unusable'; reason: string };

/** Reads and checks one snapshot file, changing nothing (the CLI reads the app's files this way). */
export function readSnapshotFile(file: string, hostId: string, capBytes: number = SNAPSHOT_FILE_CAP_BYTES): SnapshotRead {
  let text: string;
  try {
    // Checked before reading: a file this store never writes is not read into memory.
    if (statSync(file).size > capBytes) return { kind: 'unusable', reason: `it is larger than ${capBytes} bytes` };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', reason: `it cannot be read (${code ?? 'unknown error'})` };
  }
  const decoded = decodeSnapshotFile(text, hostId);
  return decoded.ok ? { kind: 'ok', snapshot: decoded.snapshot } : { kind: 'unusable', reason: decoded.reason };
}

/** A host's stored snapshot in a data directory, read-only; undefined when there is none or it is unusable. */
export function storedSnapshot(dataDir: string, hostId: string): HostSnapshot | undefined {
  if (!isHostId(hostId)) return undefined;
  const read = readSnapshotFile(path.join(dataDir, 'snapshots', `${hostId}.json`), hostId);
  return read.kind === 'ok' ? read.snapshot : undefined;
}

function isHostId(hostId: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(hostId);
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
