import type { HostSnapshot } from '../shared/snapshot.js';
import type { ConnectionManager } from '../main/core/connection-manager.js';

/**
 * The host's first snapshot that holds its disk usage: a host is ready before its `/system/df`
 * returns (df is paced per daemon), and the reading completes the snapshot after.
 */
export function snapshotWithDiskUsage(hosts: ConnectionManager, hostId: string, timeoutMs: number): Promise<HostSnapshot> {
  const current = hosts.snapshot(hostId);
  if (current?.diskUsage) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no disk usage for ${hostId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = hosts.subscribe((event) => {
      if (event.type === 'snapshot' && event.hostId === hostId && event.snapshot.diskUsage) {
        clearTimeout(timer);
        unsubscribe();
        resolve(event.snapshot);
      }
    });
  });
}
