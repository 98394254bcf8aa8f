import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot.js';
import { loadFixture } from '../../../test-support/docker-fixtures.js';
import { TempDirs } from '../../../test-support/service-fakes.js';
import { readSnapshot } from '../snapshot-reader.js';
import type { DockerApi } from '../transports/docker-api.js';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot-file.js';
import { SnapshotStore } from './snapshot-store.js';
import { asLastSeen } from '../../../test-support/snapshots.js';

const temp = new TempDirs();
const settleMs = 2_000;
const intervalMs = 10_000;

/** A snapshot as the session reads it, from the lab tcp daemon's captured answers. */
async function labSnapshot(hostId: string, updatedAt: number): Promise<HostSnapshot> {
  const answers: Record<string, unknown> = {
    '/version': loadFixture('lab/tcp/version.json'),
    '/info': loadFixture('lab/tcp/info.json'),
    '/containers/json': loadFixture('lab/tcp/containers.json'),
    '/system/df': loadFixture('lab/tcp/system-df.json'),
  };
  const api = { get: async (apiPath: string) => answers[apiPath] } as unknown as DockerApi;
  return { ...(await readSnapshot(api, hostId)), updatedAt };
}

function manyContainers(snapshot: HostSnapshot, count: number): HostSnapshot {
  const template = snapshot.containers[0] as ContainerSummary;
  const containers = Array.from({ length: count }, (_, n) => ({ ...template, id: `${n}`.padStart(64, 'c'), names: [`/many-${n}`] }));
  return { ...snapshot, containers, counts: { total: count, running: 0, paused: 0, stopped: count } };
}

function storeIn(dataDir: string, capBytes?: number): SnapshotStore {
  return new SnapshotStore({ dataDir, settleMs, writeIntervalMs: intervalMs, ...(capBytes !== undefined && { capBytes }) });
}

function storedFile(dataDir: string, hostId: string): { savedAt: number; snapshot: HostSnapshot } {
  return JSON.parse(readFileSync(path.join(dataDir, 'snapshots', `${hostId}.json`), 'utf8')) as { savedAt: number; snapshot: HostSnapshot };
}

/** Lets the throttle's timer fire and the write it queued finish. */
async function advance(store: SnapshotStore, ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await store.whenIdle();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  temp.cleanup();
});

describe('SnapshotStore', () => {
  it('writes a snapshot (folder 0700, file 0600) that a later store restores as it was', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir);
    expect(store.restore('tcp')).toBeUndefined();
    const snapshot = await labSnapshot('tcp', Date.now());
    store.save(snapshot);
    await advance(store, settleMs);
    expect(statSync(path.join(dataDir, 'snapshots')).mode & 0o777).toBe(0o700);
    expect(statSync(store.fileOf('tcp')).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(store.fileOf('tcp'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ schemaVersion: SNAPSHOT_SCHEMA_VERSION, hostId: 'tcp', savedAt: Date.now() });
    expect(snapshot.containers.length).toBeGreaterThan(0);
    expect(snapshot.containers.some((container) => container.statusSince !== undefined)).toBe(true);
    // Restored as last seen: the same, but statuses are not aged to now.
    expect(storeIn(dataDir).restore('tcp')).toEqual(asLastSeen(snapshot));
    expect(store.warnings).toEqual([]);
  });

  it('writes a host at most once per interval, the latest snapshot winning', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir);
    const base = await labSnapshot('tcp', 1);
    // A burst (the connect's read, then its disk usage) within the settle time is one write of the last.
    for (const updatedAt of [1, 2, 3]) store.save({ ...base, updatedAt });
    await advance(store, settleMs - 1);
    expect(() => statSync(store.fileOf('tcp'))).toThrow();
    await advance(store, 1);
    const firstWrite = storedFile(dataDir, 'tcp');
    expect(firstWrite.snapshot.updatedAt).toBe(3);

    // Changes after that write wait for the interval, then only the newest is written.
    store.save({ ...base, updatedAt: 4 });
    await advance(store, settleMs);
    store.save({ ...base, updatedAt: 5 });
    await advance(store, intervalMs - settleMs - 1);
    expect(storedFile(dataDir, 'tcp').snapshot.updatedAt).toBe(3);
    await advance(store, 1);
    const secondWrite = storedFile(dataDir, 'tcp');
    expect(secondWrite.snapshot.updatedAt).toBe(5);
    expect(secondWrite.savedAt - firstWrite.savedAt).toBe(intervalMs);

    // Another host has its own throttle.
    store.save({ ...base, hostId: 'other', updatedAt: 6 });
    await advance(store, settleMs);
    expect(storedFile(dataDir, 'other').snapshot.updatedAt).toBe(6);
  });

  it('writes through a temporary file renamed over the old one: a failed write leaves the old file whole', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir);
    const base = await labSnapshot('tcp', 1);
    store.save(base);
    await advance(store, settleMs);
    expect(readdirSync(store.dir)).toEqual(['tcp.json']);
    // The next write's temporary name is taken (as by a stuck earlier write): its open fails.
    mkdirSync(path.join(store.dir, `.tcp.json.${process.pid}.2.tmp`));
    store.save({ ...base, updatedAt: 2 });
    await advance(store, intervalMs);
    expect(storedFile(dataDir, 'tcp').snapshot.updatedAt).toBe(1);
    expect(store.warnings).toEqual([expect.objectContaining({ code: 'SNAPSHOT_NOT_SAVED' })]);
    expect(store.warnings[0]?.message).toMatch(/EEXIST.*Check that the folder is writable/);
    // The next write succeeds and nothing of the failed one is left behind.
    store.save({ ...base, updatedAt: 3 });
    await advance(store, intervalMs);
    expect(storedFile(dataDir, 'tcp').snapshot.updatedAt).toBe(3);
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.tmp') && !statSync(path.join(store.dir, name)).isDirectory())).toEqual(
      [],
    );
  });

  it('moves a corrupt, foreign, damaged or newer file aside with a warning, and restores nothing from it', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const writer = storeIn(dataDir);
    const snapshot = await labSnapshot('good', 1);
    writer.save(snapshot);
    await advance(writer, settleMs);
    const dir = writer.dir;
    writeFileSync(path.join(dir, 'garbage.json'), '{"schemaVersion": 1, "hostId": "garb');
    copyFileSync(writer.fileOf('good'), path.join(dir, 'foreign.json'));
    const damaged = { schemaVersion: SNAPSHOT_SCHEMA_VERSION, hostId: 'damaged', savedAt: 1, snapshot: { ...snapshot, hostId: 'damaged' } };
    (damaged.snapshot.containers as unknown[]) = [...snapshot.containers, { id: 7 }];
    writeFileSync(path.join(dir, 'damaged.json'), JSON.stringify(damaged));
    writeFileSync(path.join(dir, 'newer.json'), JSON.stringify({ ...damaged, hostId: 'newer', schemaVersion: 99 }));

    const store = storeIn(dataDir);
    for (const hostId of ['garbage', 'foreign', 'damaged', 'newer']) expect(store.restore(hostId)).toBeUndefined();
    expect(store.restore('good')).toEqual(asLastSeen(snapshot));
    expect(store.warnings.map((warning) => warning.code)).toEqual(Array(4).fill('SNAPSHOT_RECOVERED'));
    const messages = store.warnings.map((warning) => warning.message).join('\n');
    expect(messages).toContain('garbage.json) could not be used: it is not valid JSON; it is kept as');
    expect(messages).toContain('it belongs to host "good", not "foreign"');
    expect(messages).toContain(`container ${snapshot.containers.length + 1} of its list is damaged`);
    expect(messages).toContain('it has schema version 99, this Berth reads 1');
    const names = readdirSync(dir).sort();
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(4);
    expect(names.filter((name) => !name.includes('.corrupt-'))).toEqual(['good.json']);
    // Set aside means gone from its place: the next start restores nothing and warns no more.
    const again = storeIn(dataDir);
    expect(again.restore('garbage')).toBeUndefined();
    expect(again.warnings).toEqual([]);
  });

  it('keeps the newest containers that fit the byte cap, says so, and keeps the counts of all', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const capBytes = 256 * 1024;
    const store = storeIn(dataDir, capBytes);
    const big = manyContainers(await labSnapshot('many', 1), 2_000);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(capBytes);
    store.save(big);
    await advance(store, settleMs);
    expect(statSync(store.fileOf('many')).size).toBeLessThanOrEqual(capBytes);
    const restored = storeIn(dataDir, capBytes).restore('many');
    const kept = restored?.containers.length ?? 0;
    expect(kept).toBeGreaterThan(100);
    expect(kept).toBeLessThan(2_000);
    expect(restored?.containers).toEqual(asLastSeen(big).containers.slice(0, kept));
    expect(restored?.truncated?.containers).toEqual({ kept, listed: 2_000 });
    expect(restored?.counts).toEqual(big.counts);
    // One more container would not have fitted: the cut is as small as the cap allows.
    const withOneMore = { ...restored, containers: big.containers.slice(0, kept + 1) };
    expect(
      Buffer.byteLength(JSON.stringify({ schemaVersion: 1, hostId: 'many', savedAt: Date.now(), snapshot: withOneMore })),
    ).toBeGreaterThan(capBytes);
  });

  it('sets a file above the cap aside without reading it', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir, 1024);
    writeFileSync(store.fileOf('huge'), 'x'.repeat(2048));
    expect(store.restore('huge')).toBeUndefined();
    expect(store.warnings[0]?.message).toContain('it is larger than 1024 bytes');
  });

  it('deletes a removed host’s file and drops its waiting write; keeps only the hosts it is told of', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir);
    const base = await labSnapshot('a', 1);
    store.save(base);
    store.save({ ...base, hostId: 'b' });
    store.save({ ...base, hostId: 'c' });
    await advance(store, settleMs);
    expect(readdirSync(store.dir).sort()).toEqual(['a.json', 'b.json', 'c.json']);

    store.save({ ...base, updatedAt: 2 });
    await store.remove('a');
    await advance(store, intervalMs);
    expect(readdirSync(store.dir).sort()).toEqual(['b.json', 'c.json']);

    // Files of hosts removed while Berth was not running, and temporary files of a crashed write.
    writeFileSync(path.join(store.dir, '.b.json.4242.1.tmp'), '{');
    writeFileSync(path.join(store.dir, 'c.corrupt-2026.json'), '{');
    await store.retainOnly(['b']);
    expect(readdirSync(store.dir).sort()).toEqual(['b.json', 'c.corrupt-2026.json']);
  });

  it('shown() reads a host without a session once, and again only after the file changed', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const first = storeIn(dataDir);
    first.save(await labSnapshot('locked', 1));
    await advance(first, settleMs);

    const store = storeIn(dataDir);
    const reads = vi.spyOn(JSON, 'parse');
    expect(store.shown('locked')?.updatedAt).toBe(1);
    expect(store.shown('locked')?.updatedAt).toBe(1);
    expect(store.shown('locked')?.updatedAt).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);

    store.save({ ...(await labSnapshot('locked', 1)), updatedAt: 2 });
    await advance(store, settleMs);
    expect(store.shown('locked')?.updatedAt).toBe(2);
    reads.mockRestore();

    await store.remove('locked');
    expect(store.shown('locked')).toBeUndefined();
    expect(store.shown('../escape')).toBeUndefined();
  });

  it('writes what waits on dispose and ignores snapshots after it', async () => {
    const dataDir = temp.make('berth-snapshots-');
    const store = storeIn(dataDir);
    const base = await labSnapshot('tcp', 1);
    store.save(base);
    await store.dispose();
    expect(storedFile(dataDir, 'tcp').snapshot).toEqual(base);
    store.save({ ...base, updatedAt: 2 });
    await advance(store, intervalMs);
    expect(storedFile(dataDir, 'tcp').snapshot.updatedAt).toBe(1);
  });
});
