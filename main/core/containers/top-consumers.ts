import type { TopConsumer, TopConsumers } from '../../../shared/containers.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { containerPath } from './container-access.js';
import { computeStatsSample } from './compute-stats.js';
import { mapLimited } from './container-mutations.js';

/** Stats reads at once: each takes the daemon about a second (it samples twice). */
const concurrency = 8;
/** A host with more running containers is read for the first this many. */
const maxContainers = 200;

/** One stats reading of every running container of a host, the top `limit` by CPU and by memory. */
export async function readTopConsumers(hostId: string, connection: DockerConnection, limit: number): Promise<TopConsumers> {
  const list = await connection.api.get('/containers/json');
  const running = (Array.isArray(list) ? list : [])
    .filter((item): item is { Id: string; Names?: unknown } => typeof (item as { Id?: unknown }).Id === 'string')
    .slice(0, maxContainers);
  let unreadable = 0;
  const readings = await mapLimited(running, concurrency, async (container): Promise<TopConsumer | undefined> => {
    try {
      const sample = computeStatsSample(await connection.api.get(containerPath(container.Id, '/stats'), { stream: false }));
      const names = Array.isArray(container.Names) ? container.Names : [];
      return {
        containerId: container.Id,
        name: typeof names[0] === 'string' ? names[0].replace(/^\//, '') : container.Id.slice(0, 12),
        cpuPercent: sample.cpuPercent,
        memoryUsage: sample.memoryUsage,
        memoryLimit: sample.memoryLimit,
        memoryPercent: sample.memoryPercent,
      };
    } catch {
      // Removed or stopped meanwhile: counted, not fatal.
      unreadable += 1;
      return undefined;
    }
  });
  const read = readings.filter((reading): reading is TopConsumer => reading !== undefined);
  return {
    hostId,
    at: Date.now(),
    running: running.length,
    byCpu: [...read].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, limit),
    byMemory: [...read].sort((a, b) => b.memoryUsage - a.memoryUsage).slice(0, limit),
    unreadable,
  };
}
