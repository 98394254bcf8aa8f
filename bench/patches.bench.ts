import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { loadLabManifest } from '../e2e/lab/manifest.js';
import type { AnyPushMessage } from '../main/core/app/push-queue.js';
import { createAppService } from '../main/core/app/create-service.js';
import type { HostSnapshot } from '../shared/snapshot.js';
import { applyContainersPatch, applySnapshotPatch, containersPatchOf, isSnapshotPatch } from '../shared/snapshot-patch.js';
import { withContainers } from '../main/core/snapshot-reader.js';
import { startManyContainersDaemon } from './fleet/bench-daemons.js';
import { median, ms } from './stats.js';

const run = promisify(execFile);
const HOST_ID = 'many';
const PORT = 23_800;

export interface PatchesResult {
  containers: number;
  events: number;
  /** Per container event (start or kill of one container): what was pushed, and what a whole snapshot weighs. */
  patchBytes: number[];
  snapshotBytes: number[];
  /** Main-side JSON serialization of each push (what the browser shell does per client). */
  patchSerializeMs: number[];
  snapshotSerializeMs: number[];
  /** Main's work per event on this snapshot: the new list, its diff against the held one, the patch applied. */
  mainPatchMs: number[];
  diskUsagePushes: number;
  diskUsageBytes: number;
  /** The client's snapshot, built from the first full one and the patches, equals main's. */
  matchesMain: boolean;
}

/**
 * Bytes pushed to a client per container event on a host with 10,000 containers (the bench-only
 * `many` dockerd on tcp 23800, started or reused, never stopped here): the `host:containers-patch`
 * Berth sends now against the whole `host:snapshot` it sent before (measured on the same snapshot,
 * in the same run). Events are start / kill of one container of its own, removed at the end.
 */
export async function benchPatches(options: { events: number }): Promise<PatchesResult> {
  const lab = loadLabManifest();
  await startManyContainersDaemon(lab, { containers: 10_000, port: PORT });
  const docker = async (...args: string[]) =>
    (await run('docker', ['-H', `tcp://127.0.0.1:${PORT}`, ...args], { timeout: 60_000 })).stdout.trim();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-patches-'));
  // A 7 MB list from a loaded machine may take longer than the default 10 s deadline.
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: 'bench',
    useUserKnownHosts: false,
    testHooks: { connections: { timeoutMs: 60_000 } },
  });
  const pushes: Array<{ message: AnyPushMessage; bytes: number; serializeMs: number }> = [];
  service
    .attachClient((message) => {
      const started = performance.now();
      const text = JSON.stringify({ type: 'push', ...message });
      pushes.push({ message, bytes: Buffer.byteLength(text), serializeMs: performance.now() - started });
    })
    .ready();
  const name = `berth-patches-bench-${randomBytes(4).toString('hex')}`;
  let id: string | undefined;
  try {
    const saved = await service.invoke('hosts:save', {
      draft: { id: HOST_ID, name: 'many', tags: ['bench'], transport: { type: 'tcp', host: '127.0.0.1', port: PORT } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const first = await waitFor(
      () => pushes.find((p) => p.message.channel === 'host:snapshot' && p.message.payload.hostId === HOST_ID),
      120_000,
    );
    if (first.message.channel !== 'host:snapshot') throw new Error('unreachable');
    let held: HostSnapshot = first.message.payload.snapshot;
    id = await docker(
      'create',
      '--name',
      name,
      '--label',
      'berth.patches-bench=1',
      '--network',
      'none',
      'berth-lab/busybox:latest',
      'sleep',
      '1000000',
    );
    await waitFor(
      () => pushes.some((p) => p.message.channel === 'host:containers-patch' && p.message.payload.upserted.some((row) => row.id === id)),
      30_000,
    );

    const result: PatchesResult = {
      containers: held.counts.total,
      events: 0,
      patchBytes: [],
      snapshotBytes: [],
      patchSerializeMs: [],
      snapshotSerializeMs: [],
      mainPatchMs: [],
      diskUsagePushes: 0,
      diskUsageBytes: 0,
      matchesMain: false,
    };
    let seen = 0;
    const consume = () => {
      for (const push of pushes.slice(seen)) {
        if (isSnapshotPatch(push.message) && push.message.payload.hostId === HOST_ID) held = applySnapshotPatch(held, push.message);
        if (push.message.channel === 'host:disk-usage') {
          result.diskUsagePushes += 1;
          result.diskUsageBytes += push.bytes;
        }
      }
      seen = pushes.length;
    };
    consume();
    for (let event = 0; event < options.events; event += 1) {
      const state = event % 2 === 0 ? 'running' : 'exited';
      const from = pushes.length;
      await (state === 'running' ? docker('start', id) : docker('kill', id));
      const patch = await waitFor(
        () =>
          pushes
            .slice(from)
            .find(
              (p) =>
                p.message.channel === 'host:containers-patch' &&
                p.message.payload.upserted.some((row) => row.id === id && row.state === state),
            ),
        60_000,
        `the container ${state}`,
      );
      consume();
      // What Berth pushed before patches: the whole snapshot after this change.
      const started = performance.now();
      const whole = JSON.stringify({ type: 'push', channel: 'host:snapshot', payload: { hostId: HOST_ID, snapshot: held } });
      result.snapshotSerializeMs.push(performance.now() - started);
      result.snapshotBytes.push(Buffer.byteLength(whole));
      result.patchBytes.push(patch.bytes);
      result.patchSerializeMs.push(patch.serializeMs);
      result.events += 1;
      result.mainPatchMs.push(timeMainPatch(held, id));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    consume();
    const current = await service.invoke('hosts:snapshot', { hostId: HOST_ID });
    result.matchesMain = current.ok && JSON.stringify(current.value) === JSON.stringify(held);
    return result;
  } finally {
    if (id) await docker('rm', '-f', id).catch(() => undefined);
    await service.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the session does per container read (host-session publishContainers), timed on the held snapshot with one row changed. */
function timeMainPatch(held: HostSnapshot, id: string): number {
  const read = held.containers.map((row) => (row.id === id ? { ...row, status: `${row.status}.` } : row));
  const started = performance.now();
  applyContainersPatch(held, containersPatchOf(held, withContainers(held, read)));
  return performance.now() - started;
}

async function waitFor<T>(find: () => T | undefined | false, timeoutMs: number, what = 'the push'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`patches bench: ${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function printPatchesResults(r: PatchesResult): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const patch = median(r.patchBytes);
  const whole = median(r.snapshotBytes);
  console.log(`\nOne host with ${r.containers} containers: bytes pushed per container event (start/kill), median of ${r.events}`);
  console.log(`host:containers-patch (now)  ${kb(patch).padEnd(12)} serialize ${ms(median(r.patchSerializeMs))}`);
  console.log(`host:snapshot (before)       ${kb(whole).padEnd(12)} serialize ${ms(median(r.snapshotSerializeMs))}`);
  console.log(`ratio                        ${(whole / patch).toFixed(0)}× fewer bytes`);
  console.log(`main per event: new list + diff + apply  ${ms(median(r.mainPatchMs))}`);
  console.log(
    `host:disk-usage pushes       ${r.diskUsagePushes}${r.diskUsagePushes > 0 ? `, ${kb(r.diskUsageBytes / r.diskUsagePushes)} each` : ''}`,
  );
  console.log(`client snapshot from patches equals main's: ${r.matchesMain ? 'yes' : 'NO'}`);
}
