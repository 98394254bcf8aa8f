import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import { labKnownHosts } from '../e2e/support/lab-hosts.js';
import type { HostSnapshot } from '../shared/snapshot.js';
import { readSnapshot } from '../main/core/snapshot-reader.js';
import { SnapshotStore } from '../main/core/store/snapshot-store.js';
import { openDockerConnection } from '../main/core/transports/docker-connection.js';
import type { Transport } from '../shared/profile.js';
import { startManyContainersDaemon } from './fleet/bench-daemons.js';
import { median, ms, timeRuns } from './stats.js';

export interface SnapshotStoreResult {
  label: string;
  hosts: number;
  fileBytes: number;
  /** Every host's snapshot written (save + dispose: stringify, temp file, datasync, rename). */
  writeMedianMs: number;
  /** Every host restored as at start: stat, read, parse, structural check. */
  restoreMedianMs: number;
  /** The floor of any JSON file store: readFileSync + JSON.parse of the same files, no check. */
  parseMedianMs: number;
}

async function liveSnapshot(transport: Transport, hostId: string): Promise<HostSnapshot> {
  const lab = loadLabManifest();
  const connection = await openDockerConnection(transport, { timeoutMs: 60_000, knownHosts: labKnownHosts(lab) });
  try {
    return await readSnapshot(connection.api, hostId);
  } finally {
    await connection.close();
  }
}

async function measure(label: string, snapshot: HostSnapshot, hosts: number, runs: number): Promise<SnapshotStoreResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-snapshots-'));
  try {
    const ids = Array.from({ length: hosts }, (_, n) => `${label}-${n}`);
    const write = await timeRuns(runs, 1, async () => {
      const store = new SnapshotStore({ dataDir, settleMs: 0 });
      for (const hostId of ids) store.save({ ...snapshot, hostId });
      await store.dispose();
    });
    const store = new SnapshotStore({ dataDir });
    const restore = await timeRuns(runs, 1, () => {
      for (const hostId of ids) if (!store.restore(hostId)) throw new Error(`${hostId} was not restored`);
    });
    if (store.warnings.length > 0) throw new Error(store.warnings[0]?.message);
    const parse = await timeRuns(runs, 1, () => {
      for (const hostId of ids) JSON.parse(readFileSync(store.fileOf(hostId), 'utf8'));
    });
    return {
      label,
      hosts,
      fileBytes: statSync(store.fileOf(ids[0] as string)).size,
      writeMedianMs: median(write),
      restoreMedianMs: median(restore),
      parseMedianMs: median(parse),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The persisted snapshots: 200 hosts holding the lab tcp daemon's snapshot (the restart of a large
 * fleet), and one host holding the `many` daemon's 10,000 containers (the largest file). Restoring
 * is timed against plain JSON.parse of the same files in the same run.
 */
export async function benchSnapshotStore(options: { runs: number }): Promise<SnapshotStoreResult[]> {
  const lab = loadLabManifest();
  const small = await liveSnapshot(lab.daemons.tcp.transport, 'tcp');
  // Reuses the shared running `many` daemon, never stops it.
  await startManyContainersDaemon(lab, { containers: 10_000 });
  const many = await liveSnapshot({ type: 'tcp', host: '127.0.0.1', port: 23_800 }, 'many');
  return [await measure('fleet', small, 200, options.runs), await measure('many', many, 1, options.runs)];
}

export function printSnapshotStoreResults(results: SnapshotStoreResult[]): void {
  console.log('\nPersisted snapshots (snapshots/<id>.json) — median');
  for (const r of results) {
    console.log(
      `${r.label.padEnd(6)} ${String(r.hosts).padStart(3)} host(s), ${(r.fileBytes / 1024).toFixed(0)} KiB each: write ${ms(r.writeMedianMs)}, ` +
        `restore ${ms(r.restoreMedianMs)} vs JSON.parse ${ms(r.parseMedianMs)} (${(r.restoreMedianMs / r.parseMedianMs).toFixed(2)}×)`,
    );
  }
}
