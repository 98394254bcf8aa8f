import { formatBytes, formatPercent } from '../../shared/format.js';
import { type Transport, describeTransport } from '../../shared/profile.js';
import type { DiskUsage, HostSnapshot } from '../../shared/snapshot.js';

/** The `--json` shape: stable keys scripts can rely on. */
export function probeJson(transport: Transport, snapshot: HostSnapshot) {
  const { summary, storage } = snapshot;
  return {
    endpoint: describeTransport(transport),
    ...summary,
    storage: {
      driver: storage.driver,
      status: storage.status,
      reading: storage.reading,
      pool: storage.pool ?? null,
      warnings: storage.warnings,
    },
    containers: snapshot.counts,
    diskUsage: snapshot.diskUsage,
  };
}

export function formatProbeText(transport: Transport, snapshot: HostSnapshot): string {
  const { summary, storage, counts } = snapshot;
  const lines = [
    `Endpoint:       ${describeTransport(transport)}`,
    `Server:         Docker Engine ${summary.serverVersion} (API ${summary.apiVersion})`,
    `Name:           ${summary.name}`,
    `OS:             ${summary.os} (${summary.osType}/${summary.architecture})`,
    `Kernel:         ${summary.kernelVersion}`,
    `CPUs / memory:  ${summary.cpus} / ${formatBytes(summary.memoryBytes)}`,
    `Root dir:       ${summary.dockerRootDir}`,
    `Logging driver: ${summary.loggingDriver}`,
    `Cgroup:         ${summary.cgroupDriver} (v${summary.cgroupVersion || '?'})`,
  ];
  if (summary.securityOptions.length > 0) lines.push(`Security:       ${summary.securityOptions.join(', ')}`);
  if (summary.insecureRegistries.length > 0) lines.push(`Insecure registries: ${summary.insecureRegistries.join(', ')}`);
  if (summary.registryMirrors.length > 0) lines.push(`Registry mirrors: ${summary.registryMirrors.join(', ')}`);
  lines.push('', `Storage driver: ${storage.driver}`);
  for (const [label, value] of storage.status) lines.push(`  ${label}: ${value}`);
  if (storage.pool) {
    const pool = storage.pool;
    lines.push(
      `  Data pool:     ${formatBytes(pool.dataUsed ?? Number.NaN)} used of ${formatBytes(pool.dataTotal ?? Number.NaN)} (${formatPercent(pool.dataUsed, pool.dataTotal)}), ${formatBytes(pool.dataAvailable ?? Number.NaN)} available`,
      `  Metadata pool: ${formatBytes(pool.metadataUsed ?? Number.NaN)} used of ${formatBytes(pool.metadataTotal ?? Number.NaN)} (${formatPercent(pool.metadataUsed, pool.metadataTotal)}), ${formatBytes(pool.metadataAvailable ?? Number.NaN)} available`,
    );
  }
  for (const warning of storage.warnings) lines.push(`  ${warning.level.toUpperCase()}: ${warning.message}`);
  if (snapshot.diskUsage) lines.push('', ...formatDiskUsage(snapshot.diskUsage));
  lines.push('', `Containers:     ${counts.total} total, ${counts.running} running, ${counts.paused} paused, ${counts.stopped} stopped`);
  return lines.join('\n');
}

function formatDiskUsage(usage: DiskUsage): string[] {
  const rows: Array<[string, DiskUsage['images']]> = [
    ['Images', usage.images],
    ['Containers', usage.containers],
    ['Local Volumes', usage.volumes],
    ['Build Cache', usage.buildCache],
  ];
  const table = [
    ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
    ...rows.map(([name, row]) => [
      name,
      String(row.count),
      String(row.active),
      formatBytes(row.sizeBytes),
      formatBytes(row.reclaimableBytes),
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return [
    'Disk usage:',
    ...table.map(
      (row) =>
        `  ${row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd()}`,
    ),
  ];
}
