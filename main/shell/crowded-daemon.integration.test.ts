import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { type WireServerMessage, wireMaxPushBytes } from '../../shared/contract.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { startCrowdedDaemon } from '../../e2e/support/crowded-daemon.js';
import { shellSocket } from '../../e2e/support/shell-socket.js';
import { testAppService } from '../../test-support/test-service.js';
import { TempDirs } from '../../test-support/service-fakes.js';
import { daemonLimits } from '../../shared/docker/daemon-limits.js';
import { startShellServer } from './shell-server.js';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const LISTED = 40_000;

describe('a daemon listing 40,000 containers', () => {
  it('reaches a browser-shell client that reads: it stays connected, receives the capped snapshot and sees the truncation', async () => {
    const daemon = await startCrowdedDaemon(LISTED);
    cleanups.push(() => daemon.close());
    expect(daemon.listBytes).toBeGreaterThan(64 * 1024 * 1024);

    const rendererDir = temp.make('berth-renderer-');
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
    const service = await testAppService(temp.make('berth-data-'));
    cleanups.push(() => service.dispose());
    const server = await startShellServer({ service, rendererDir });
    cleanups.push(() => server.close());

    const socket: WebSocket = shellSocket(server);
    cleanups.push(() => socket.terminate());
    const frames: Array<{ bytes: number; message: WireServerMessage }> = [];
    let closedWith: number | undefined;
    socket.on('message', (data) => {
      const text = String(data);
      frames.push({ bytes: Buffer.byteLength(text), message: JSON.parse(text) as WireServerMessage });
    });
    socket.on('close', (code) => (closedWith = code));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'ready' }));
    const draft = { id: 'crowded', name: 'crowded', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: daemon.port } };
    socket.send(JSON.stringify({ id: 1, type: 'invoke', channel: 'hosts:save', input: { draft } }));

    const snapshotFrame = () =>
      frames.find(({ message }) => message.type === 'push' && message.channel === 'host:snapshot' && message.payload.hostId === 'crowded');
    await expect.poll(() => snapshotFrame(), { timeout: 60_000, interval: 100 }).toBeDefined();
    const { bytes, message } = snapshotFrame()!;
    const snapshot = (message as { payload: { snapshot: HostSnapshot } }).payload.snapshot;
    expect(snapshot.truncated?.containers).toEqual({ kept: daemonLimits.containers, listed: LISTED });
    expect(snapshot.containers).toHaveLength(daemonLimits.containers);
    expect(snapshot.counts.total).toBe(LISTED);
    expect(snapshot.counts.running + snapshot.counts.stopped).toBe(LISTED);
    expect(snapshot.containers[0]?.names).toEqual(['crowd-service-0-0']);
    expect(bytes).toBeLessThan(wireMaxPushBytes);
    console.info(
      `crowded daemon: /containers/json ${(daemon.listBytes / 1024 / 1024).toFixed(1)} MB for ${LISTED} containers → host:snapshot push ${(bytes / 1024 / 1024).toFixed(1)} MB`,
    );

    // The same socket keeps working: the cached snapshot comes back as a reply within the limit.
    socket.send(JSON.stringify({ id: 2, type: 'invoke', channel: 'hosts:snapshot', input: { hostId: 'crowded' } }));
    const reply = () => frames.find(({ message: m }) => m.type === 'reply' && m.id === 2);
    await expect.poll(() => reply(), { timeout: 30_000, interval: 100 }).toBeDefined();
    expect(reply()!.message).toMatchObject({
      type: 'reply',
      reply: { ok: true, value: { truncated: { containers: { kept: daemonLimits.containers, listed: LISTED } } } },
    });
    expect(reply()!.bytes).toBeLessThan(wireMaxPushBytes);
    socket.send(JSON.stringify({ id: 3, type: 'invoke', channel: 'hosts:list', input: {} }));
    await expect.poll(() => frames.find(({ message: m }) => m.type === 'reply' && m.id === 3), { timeout: 10_000 }).toBeDefined();
    expect(frames.some(({ message: m }) => m.type === 'push' && m.channel === 'push:too-large')).toBe(false);
    expect(closedWith).toBeUndefined();
    expect(socket.readyState).toBe(socket.OPEN);
  });
});
