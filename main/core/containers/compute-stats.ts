import type { StatsSample } from '../../../shared/containers.js';
import { numberOr, recordOr } from '../../../shared/docker/json-read.js';

/**
 * One `/containers/{id}/stats` reading → a StatsSample, computed as the docker CLI does
 * (cli/command/container/stats_helpers.go): CPU % = container CPU delta / system CPU delta ×
 * online CPUs × 100 against the reading's `precpu_stats`; memory without page cache
 * (cgroup v1: usage − total_inactive_file, v2: usage − inactive_file, when smaller than usage);
 * block I/O summed over io_service_bytes_recursive by op; network summed over interfaces.
 */
export function computeStatsSample(reading: unknown): StatsSample {
  const stats = recordOr(reading);
  const cpu = recordOr(stats.cpu_stats);
  const precpu = recordOr(stats.precpu_stats);
  const cpuUsage = recordOr(cpu.cpu_usage);
  const onlineCpus = numberOr(cpu.online_cpus) || (Array.isArray(cpuUsage.percpu_usage) ? cpuUsage.percpu_usage.length : 0);
  const cpuDelta = numberOr(cpuUsage.total_usage) - numberOr(recordOr(precpu.cpu_usage).total_usage);
  const systemDelta = numberOr(cpu.system_cpu_usage) - numberOr(precpu.system_cpu_usage);
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const memory = recordOr(stats.memory_stats);
  const memoryUsage = memoryWithoutCache(memory);
  const memoryLimit = numberOr(memory.limit);
  const memoryPercent = memoryLimit > 0 ? (memoryUsage / memoryLimit) * 100 : 0;

  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(recordOr(stats.networks))) {
    networkRx += numberOr(recordOr(network).rx_bytes);
    networkTx += numberOr(recordOr(network).tx_bytes);
  }

  let blockRead = 0;
  let blockWrite = 0;
  const blkio = recordOr(stats.blkio_stats).io_service_bytes_recursive;
  if (Array.isArray(blkio)) {
    for (const entry of blkio) {
      const op = String(recordOr(entry).op ?? '').toLowerCase();
      if (op === 'read') blockRead += numberOr(recordOr(entry).value);
      else if (op === 'write') blockWrite += numberOr(recordOr(entry).value);
    }
  }

  const read = typeof stats.read === 'string' ? Date.parse(stats.read) : Number.NaN;
  return {
    time: Number.isNaN(read) ? Date.now() : read,
    cpuPercent,
    onlineCpus,
    memoryUsage,
    memoryLimit,
    memoryPercent,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: numberOr(recordOr(stats.pids_stats).current),
  };
}

function memoryWithoutCache(memory: Record<string, unknown>): number {
  const usage = numberOr(memory.usage);
  const details = recordOr(memory.stats);
  if ('total_inactive_file' in details && numberOr(details.total_inactive_file) < usage)
    return usage - numberOr(details.total_inactive_file);
  const inactive = numberOr(details.inactive_file);
  return inactive < usage ? usage - inactive : usage;
}
