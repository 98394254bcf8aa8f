import { describe, expect, it } from 'vitest';
import type { DockerConnection } from '../transports/docker-connection.js';
import { DiskUsagePacer } from './disk-usage-pacer.js';
import { StandbyDiskUsage } from './standby-disk-usage.js';

/** A connection whose only use here is its endpoint and a counted /system/df. */
function fakeConnection(endpoint: string, calls: string[], answer: () => Promise<unknown>): DockerConnection {
  return {
    endpoint,
    api: {
      get: (path: string) => {
        calls.push(`${endpoint} ${path}`);
        return answer();
      },
    },
  } as unknown as DockerConnection;
}

describe('standby disk usage', () => {
  it('reads df on a host first read, then keeps it until the interval has passed', async () => {
    let now = 1_000;
    const calls: string[] = [];
    const reads = new StandbyDiskUsage(new DiskUsagePacer(), 60_000, () => now);
    const connection = fakeConnection('tcp://127.0.0.1:24000', calls, async () => ({ LayersSize: 1 }));
    const info = Promise.resolve({ ID: 'daemon-a' });
    await expect(reads.read('h1', connection, info)).resolves.toEqual({ LayersSize: 1 });
    now += 59_999;
    expect(reads.read('h1', connection, info)).toBeNull();
    now += 1;
    await expect(reads.read('h1', connection, info)).resolves.toEqual({ LayersSize: 1 });
    expect(calls).toEqual(['tcp://127.0.0.1:24000 /system/df', 'tcp://127.0.0.1:24000 /system/df']);
  });

  it('hosts of one daemon reading at once share df reads instead of one each (dockerd refuses concurrent ones)', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let most = 0;
    const answer = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return { LayersSize: 7 };
    };
    const reads = new StandbyDiskUsage(new DiskUsagePacer());
    const info = Promise.resolve({ ID: 'one-daemon' });
    const all = Array.from({ length: 50 }, (_, i) =>
      reads.read(`h${i}`, fakeConnection(`tcp://127.0.0.1:${24_000 + i}`, calls, answer), info),
    );
    await expect(Promise.all(all)).resolves.toHaveLength(50);
    expect(most).toBe(1);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it('a failed df is tried again at the next read, not after the interval', async () => {
    const calls: string[] = [];
    let fail = true;
    const reads = new StandbyDiskUsage(new DiskUsagePacer(), 60_000, () => 5_000);
    const connection = fakeConnection('tcp://127.0.0.1:24001', calls, async () => {
      if (fail) throw new Error('connection reset');
      return { LayersSize: 2 };
    });
    await expect(reads.read('h', connection, Promise.resolve({ ID: 'd' }))).rejects.toThrow('connection reset');
    fail = false;
    await expect(reads.read('h', connection, Promise.resolve({ ID: 'd' }))).resolves.toEqual({ LayersSize: 2 });
  });
});
