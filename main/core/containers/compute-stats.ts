import type { StatsSample } from '../../../shared/containers.js';

/**
 * One `/containers/{id}/stats` reading → a StatsSample, computed as the docker CLI does
 * (cli/command/container/stats_helpers.go): CPU % = container CPU delta / system CPU delta ×
 * online CPUs × 100 against the reading's `precpu_stats`; memory without page cache
 * (cgroup v1: usage − total_inactive_file, v2: usage − inactive_file, when smaller than usage);
 * block I/O summed over io_service_bytes_recursive by op; network summed over interfaces.
 */
export function computeStatsSample(reading: unknown): StatsSample {
  const stats = record(reading);
  const cpu = record(stats.cpu_stats);
  const precpu = record(stats.precpu_stats);
  const cpuUsage = record(cpu.cpu_usage);
  const onlineCpus = num(cpu.online_cpus) || (Array.isArray(cpuUsage.percpu_usage) ? cpuUsage.percpu_usage.length : 0);
  const cpuDelta = num(cpuUsage.total_usage) - num(record(precpu.cpu_usage).total_usage);
  const systemDelta = num(cpu.system_cpu_usage) - num(precpu.system_cpu_usage);
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const memory = record(stats.memory_stats);
  const memoryUsage = memoryWithoutCache(memory);
  const memoryLimit = num(memory.limit);
  const memoryPercent = memoryLimit > 0 ? (memoryUsage / memoryLimit) * 100 : 0;

  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(record(stats.networks))) {
    networkRx += num(record(network).rx_bytes);
    networkTx += num(record(network).tx_bytes);
  }

  let blockRead = 0;
  let blockWrite = 0;
  const blkio = record(stats.blkio_stats).io_service_bytes_recursive;
  if (Array.isArray(blkio)) {
    for (const entry of blkio) {
      const op = String(record(entry).op ?? '').toLowerCase();
      if (op === 'read') blockRead += num(record(entry).value);
      else if (op === 'write') blockWrite += num(record(entry).value);
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
    pids: num(record(stats.pids_stats).current),
  };
}

function memoryWithoutCache(memory: Record<string, unknown>): number {
  const usage = num(memory.usage);
  const details = record(memory.stats);
  if ('total_inactive_file' in details && num(details.total_inactive_file) < usage) return usage - num(details.total_inactive_file);
  const inactive = num(details.inactive_file);
  return inactive < usage ? usage - inactive : usage;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
