import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/containers.js';
import { AuditLog } from './audit-log.js';
import { computeStatsSample } from './compute-stats.js';
import { parseContainerDetail } from './container-detail.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('computeStatsSample', () => {
  it('computes CPU % and memory without page cache like the docker CLI (cgroup v2 and v1)', () => {
    const reading = {
      read: '2024-05-01T10:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 18_000_000_000 },
      memory_stats: { usage: 100_000_000, limit: 1_000_000_000, stats: { inactive_file: 20_000_000 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 5 },
          { op: 'write', value: 7 },
          { op: 'Total', value: 12 },
        ],
      },
      pids_stats: { current: 3 },
    };
    expect(computeStatsSample(reading)).toEqual({
      time: Date.parse('2024-05-01T10:00:01Z'),
      cpuPercent: 50,
      onlineCpus: 2,
      memoryUsage: 80_000_000,
      memoryLimit: 1_000_000_000,
      memoryPercent: 8,
      networkRx: 11,
      networkTx: 22,
      blockRead: 5,
      blockWrite: 7,
      pids: 3,
    });
    const v1 = computeStatsSample({ memory_stats: { usage: 100, limit: 1000, stats: { total_inactive_file: 40, inactive_file: 10 } } });
    expect(v1.memoryUsage).toBe(60);
    // A first reading (no precpu) and garbage read as zeros, never NaN.
    expect(computeStatsSample({ cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [1, 2] } } })).toMatchObject({
      cpuPercent: 0,
      onlineCpus: 2,
    });
    expect(computeStatsSample('nonsense').memoryPercent).toBe(0);
  });
});

describe('parseContainerDetail', () => {
  it('reads the overview, the last health check, env as name/value and the compose labels', () => {
    const detail = parseContainerDetail({
      Id: 'abc',
      Name: '/web',
      Created: '2024-05-01T10:00:00Z',
      Image: 'sha256:1',
      RestartCount: 2,
      State: {
        Status: 'running',
        Running: true,
        OOMKilled: true,
        ExitCode: 0,
        StartedAt: '2024-05-01T10:00:01Z',
        FinishedAt: '0001-01-01T00:00:00Z',
        Health: {
          Status: 'unhealthy',
          FailingStreak: 3,
          Log: [
            { Start: 's', End: 'e', ExitCode: 1, Output: 'first' },
            { Start: 's2', End: 'e2', ExitCode: 1, Output: 'curl: refused' },
          ],
        },
      },
      Config: {
        Image: 'nginx:1',
        Cmd: ['nginx', '-g', 'daemon off;'],
        Entrypoint: null,
        Env: ['A=1', 'B=x=y', 'EMPTY'],
        Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
      },
      HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 }, NetworkMode: 'bridge' },
      NetworkSettings: {
        Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '443/tcp': null },
        Networks: { bridge: { IPAddress: '172.17.0.2', IPPrefixLen: 16, Gateway: '172.17.0.1', MacAddress: 'm', Aliases: null } },
      },
      Mounts: [
        {
          Type: 'volume',
          Name: 'data',
          Source: '/var/lib/docker/volumes/data',
          Destination: '/data',
          Mode: 'z',
          RW: true,
          Driver: 'local',
        },
      ],
    });
    expect(detail).toMatchObject({
      name: 'web',
      image: 'nginx:1',
      command: ['nginx', '-g', 'daemon off;'],
      entrypoint: [],
      startedAt: '2024-05-01T10:00:01Z',
      finishedAt: null,
      restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
      restartCount: 2,
      state: { oomKilled: true, health: { status: 'unhealthy', failingStreak: 3, lastCheck: { exitCode: 1, output: 'curl: refused' } } },
      ports: [
        { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
        { containerPort: 443, protocol: 'tcp' },
      ],
      networks: [{ name: 'bridge', ipAddress: '172.17.0.2', ipPrefixLength: 16, aliases: [] }],
      mounts: [{ type: 'volume', name: 'data', destination: '/data', readWrite: true, driver: 'local' }],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: 'x=y' },
        { name: 'EMPTY', value: '' },
      ],
      compose: { project: 'shop', service: 'web' },
      notes: [],
    });
    expect(JSON.parse(detail.raw).Id).toBe('abc');
    expect(parseContainerDetail(null)).toMatchObject({ id: '', name: '', env: [], ports: [] });
  });
});

describe('AuditLog', () => {
  const entry = (i: number, hostId = 'h1'): AuditEntry => ({
    time: `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z`,
    user: 'op',
    hostId,
    hostName: 'H',
    action: 'restart',
    targets: [`c${i}`],
    result: 'ok',
  });

  it('appends JSON lines, rotates at the size into a stated number of files, and lists newest first by host', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-audit-'));
    dirs.push(dir);
    const log = new AuditLog({ dir, maxBytes: 2_000, files: 3 });
    await Promise.all(Array.from({ length: 60 }, (_, i) => log.append(entry(i, i % 2 === 0 ? 'h1' : 'h2'))));
    expect(readdirSync(dir).sort()).toEqual(['audit.1.jsonl', 'audit.2.jsonl', 'audit.jsonl']);
    const listed = await log.list('h2', 5);
    expect(listed.entries.map((e) => e.targets[0])).toEqual(['c59', 'c57', 'c55', 'c53', 'c51']);
    expect(listed.rotation).toEqual({ maxBytes: 2_000, files: 3 });
    // Older files beyond the third were dropped: the total stays bounded.
    const all = await log.list(undefined, 1_000);
    expect(all.entries.length).toBeLessThan(60);
    expect(all.entries[0]?.targets).toEqual(['c59']);
  });
});
