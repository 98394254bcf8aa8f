import type { InvokeInput, InvokeResults, PushChannel, PushEvents } from '../../../shared/contract';
import { type ContainersInvokeChannel } from '../../../shared/containers-contract';
import {
  type AuditEntry,
  type ContainerAction,
  type ContainerDetail,
  type StatsSample,
  isDestructive,
  requiredConfirmation,
} from '../../../shared/containers';
import { isProduction, isReadOnly } from '../../../shared/profile';
import type { ContainerSummary } from '../../../shared/snapshot';
import { countContainers } from '../../../shared/docker/containers';
import { fail } from './demo-failure';
import type { DemoHost } from './demo-hosts';

export interface DemoContainerContext {
  hosts: Map<string, DemoHost>;
  push: <P extends PushChannel>(channel: P, payload: PushEvents[P]) => void;
  setSnapshot: (hostId: string, snapshot: NonNullable<DemoHost['snapshot']>) => void;
  now: () => number;
  /** Timers are only used when the demo runs live (not in tests). */
  live: boolean;
}

const DEMO_LOG = [
  'Starting service on :8080',
  '\u001b[32mINFO\u001b[0m  connected to database \u001b[1mprimary\u001b[0m in 12 ms',
  '\u001b[33mWARN\u001b[0m  slow query (412 ms): SELECT * FROM orders WHERE status = $1',
  'GET /healthz 200 0.4ms',
  '\u001b[31mERROR\u001b[0m upstream timeout after 5000 ms (retrying)',
  'GET /api/orders?page=2 200 18.2ms',
];

/**
 * The container channels of the demo: inspect, logs and stats built from the demo host's
 * listed containers, actions that change the demo snapshot (with main's read-only and
 * production checks), and the audit log in memory. There is no container to run a shell in,
 * so exec answers a clear "not in the demo" error.
 */
export class DemoContainerChannels {
  private readonly audit: AuditEntry[] = [];
  private readonly streams = new Map<string, () => void>();
  private nextStream = 1;

  constructor(private readonly context: DemoContainerContext) {}

  answer<C extends ContainersInvokeChannel>(channel: C, input: InvokeInput<C>): InvokeResults[C] {
    const args = input as Record<string, unknown>;
    const answers: { [K in ContainersInvokeChannel]?: () => InvokeResults[K] } = {
      'containers:inspect': () => this.inspect(this.find(args)),
      'logs:open': () => this.openLogs(this.find(args), args),
      'logs:close': () => this.close(args),
      'stats:open': () => this.openStats(this.find(args)),
      'stats:close': () => this.close(args),
      'stats:top': () => this.top(String(args.hostId), Number(args.limit ?? 5)),
      'exec:open': () => fail('INVALID_ARGUMENT', 'The demo has no real containers to run a shell in: connect a host to use the terminal.'),
      'exec:input': () => fail('STREAM_NOT_FOUND', 'No terminal is open in the demo.'),
      'exec:resize': () => fail('STREAM_NOT_FOUND', 'No terminal is open in the demo.'),
      'exec:close': () => null,
      'containers:action': () => this.act(args),
      'containers:rename': () => this.rename(args),
      'audit:list': () => ({
        entries: this.audit.filter((entry) => !args.hostId || entry.hostId === args.hostId).slice(0, Number(args.limit ?? 500)),
        rotation: { maxBytes: 10 * 1024 * 1024, files: 5 },
      }),
    };
    const handler = answers[channel] as (() => InvokeResults[C]) | undefined;
    if (!handler) fail('INVALID_ARGUMENT', `"${channel}" is not part of the demo.`);
    return handler();
  }

  dispose(): void {
    for (const stop of this.streams.values()) stop();
    this.streams.clear();
  }

  private host(hostId: string): DemoHost & { snapshot: NonNullable<DemoHost['snapshot']> } {
    const host = this.context.hosts.get(hostId);
    if (!host) fail('HOST_NOT_FOUND', `No host with id "${hostId}".`);
    if (!host.snapshot || host.status.state !== 'ready') fail('HOST_NOT_CONNECTED', `Host "${host.profile.name}" is not connected.`);
    return host as DemoHost & { snapshot: NonNullable<DemoHost['snapshot']> };
  }

  private find(args: Record<string, unknown>): {
    host: DemoHost & { snapshot: NonNullable<DemoHost['snapshot']> };
    container: ContainerSummary;
  } {
    const host = this.host(String(args.hostId));
    const ref = String(args.containerId);
    const container = host.snapshot.containers.find(
      (item) => item.id.startsWith(ref) || item.names.some((name) => name.replace(/^\//, '') === ref),
    );
    if (!container) fail('CONTAINER_NOT_FOUND', `No container "${ref}" on ${host.profile.name} (removed meanwhile?).`);
    return { host, container };
  }

  private inspect({ container }: { container: ContainerSummary }): ContainerDetail {
    const name = container.names[0]?.replace(/^\//, '') ?? container.id.slice(0, 12);
    const created = new Date(container.created * 1000).toISOString();
    const running = container.state === 'running';
    const detail: ContainerDetail = {
      id: container.id,
      name,
      image: container.image,
      imageId: `sha256:${container.id.split('').reverse().join('')}`,
      entrypoint: ['/docker-entrypoint.sh'],
      command: ['serve', '--port', '8080'],
      workingDir: '/app',
      user: '',
      hostname: container.id.slice(0, 12),
      tty: false,
      createdAt: created,
      startedAt: container.state === 'created' ? null : created,
      finishedAt: running || container.state === 'created' ? null : new Date(container.created * 1000 + 3_600_000).toISOString(),
      state: {
        status: container.state,
        running,
        paused: container.state === 'paused',
        restarting: container.state === 'restarting',
        oomKilled: container.state === 'dead',
        dead: container.state === 'dead',
        exitCode: running ? 0 : container.state === 'dead' ? 137 : 0,
        error: '',
        pid: running ? 4242 : 0,
        ...(running
          ? { health: { status: 'healthy', failingStreak: 0, lastCheck: { start: created, end: created, exitCode: 0, output: 'ok\n' } } }
          : {}),
      },
      restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
      restartCount: 0,
      ports: container.ports.map((port) => ({
        containerPort: port.privatePort,
        protocol: port.type,
        ...(port.ip ? { hostIp: port.ip } : {}),
        ...(port.publicPort ? { hostPort: port.publicPort } : {}),
      })),
      mounts: [
        {
          type: 'volume',
          source: `/var/lib/docker/volumes/${name}-data/_data`,
          destination: '/data',
          mode: 'z',
          readWrite: true,
          name: `${name}-data`,
          driver: 'local',
        },
      ],
      networkMode: 'bridge',
      networks: [
        {
          name: 'bridge',
          ipAddress: '172.17.0.5',
          ipPrefixLength: 16,
          ipv6Address: '',
          gateway: '172.17.0.1',
          macAddress: '02:42:ac:11:00:05',
          aliases: [],
        },
      ],
      labels: {
        ...container.labels,
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': name.replace(/-\d+$/, ''),
        'org.opencontainers.image.version': '1.4.2',
      },
      compose: { project: 'shop', service: name.replace(/-\d+$/, '') },
      env: [
        { name: 'PATH', value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
        { name: 'DATABASE_URL', value: 'postgres://shop:demo-password@db:5432/shop' },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
      raw: '',
      notes: [],
    };
    detail.raw = JSON.stringify(
      {
        Id: detail.id,
        Name: `/${name}`,
        Image: detail.imageId,
        Config: { Image: detail.image, Env: detail.env.map((v) => `${v.name}=${v.value}`) },
      },
      null,
      2,
    );
    return detail;
  }

  private openStream(start: (streamId: string) => () => void): string {
    const streamId = `demo-${this.nextStream++}`;
    // The first events follow the open answer, as main sends them.
    queueMicrotask(() => this.streams.set(streamId, start(streamId)));
    return streamId;
  }

  private close(args: Record<string, unknown>): null {
    const streamId = String(args.streamId);
    this.streams.get(streamId)?.();
    this.streams.delete(streamId);
    return null;
  }

  private openLogs({ container }: { container: ContainerSummary }, args: Record<string, unknown>): InvokeResults['logs:open'] {
    const tail = args.tail === 'all' ? 2000 : Math.min(Number(args.tail ?? 500), 2000);
    const base = this.context.now() - tail * 1000;
    const line = (index: number) => ({
      stream: index % 7 === 4 ? ('stderr' as const) : ('stdout' as const),
      time: new Date(base + index * 1000).toISOString(),
      text: `${DEMO_LOG[index % DEMO_LOG.length]} #${index}`,
    });
    const streamId = this.openStream((id) => {
      this.context.push('logs:event', { streamId: id, type: 'lines', lines: Array.from({ length: tail }, (_, i) => line(i)) });
      if (!this.context.live || args.follow === false || container.state !== 'running') {
        this.context.push('logs:event', { streamId: id, type: 'ended' });
        return () => undefined;
      }
      let next = tail;
      const timer = setInterval(() => this.context.push('logs:event', { streamId: id, type: 'lines', lines: [line(next++)] }), 1000);
      return () => clearInterval(timer);
    });
    return { streamId, tty: false };
  }

  private sample(seed: number, step: number): StatsSample {
    const wave = (Math.sin((step + seed) / 6) + 1) / 2;
    return {
      time: this.context.now(),
      cpuPercent: 4 + wave * 35,
      onlineCpus: 4,
      memoryUsage: (180 + wave * 40) * 1024 * 1024,
      memoryLimit: 1024 * 1024 * 1024,
      memoryPercent: ((180 + wave * 40) / 1024) * 100,
      networkRx: step * 48_000,
      networkTx: step * 12_500,
      blockRead: 4_000_000 + step * 2048,
      blockWrite: 1_000_000 + step * 8192,
      pids: 12 + Math.round(wave * 4),
    };
  }

  private openStats({ container }: { container: ContainerSummary }): InvokeResults['stats:open'] {
    if (container.state !== 'running') fail('CONTAINER_NOT_RUNNING', 'The container is not running: it has no live stats.');
    const seed = container.id.charCodeAt(0);
    const streamId = this.openStream((id) => {
      let step = 0;
      this.context.push('stats:event', { streamId: id, type: 'sample', sample: this.sample(seed, step++) });
      if (!this.context.live) return () => undefined;
      const timer = setInterval(
        () => this.context.push('stats:event', { streamId: id, type: 'sample', sample: this.sample(seed, step++) }),
        1000,
      );
      return () => clearInterval(timer);
    });
    return { streamId };
  }

  private top(hostId: string, limit: number): InvokeResults['stats:top'] {
    const host = this.host(hostId);
    const running = host.snapshot.containers.filter((container) => container.state === 'running');
    const read = running.map((container, index) => {
      const sample = this.sample(container.id.charCodeAt(0) + index, Math.floor(this.context.now() / 1000));
      return {
        containerId: container.id,
        name: container.names[0]?.replace(/^\//, '') ?? container.id.slice(0, 12),
        cpuPercent: sample.cpuPercent * ((index % 5) + 1) * 0.4,
        memoryUsage: sample.memoryUsage * ((index % 3) + 1),
        memoryLimit: sample.memoryLimit * 4,
        memoryPercent: (sample.memoryUsage * ((index % 3) + 1) * 100) / (sample.memoryLimit * 4),
      };
    });
    return {
      hostId,
      at: this.context.now(),
      running: running.length,
      byCpu: [...read].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, limit),
      byMemory: [...read].sort((a, b) => b.memoryUsage - a.memoryUsage).slice(0, limit),
      unreadable: 0,
    };
  }

  private record(host: DemoHost, action: ContainerAction, targets: string[], result: AuditEntry['result'], errorCode?: string): void {
    this.audit.unshift({
      time: new Date(this.context.now()).toISOString(),
      user: 'demo',
      hostId: host.profile.id,
      hostName: host.profile.name,
      action,
      targets,
      result,
      ...(errorCode ? { errorCode } : {}),
    });
  }

  /** main's checks, in the same order: read-only, then the production confirmation. */
  private guard(host: DemoHost, action: ContainerAction, names: string[], confirmation: unknown): void {
    if (isReadOnly(host.profile)) {
      this.record(host, action, names, 'error', 'READ_ONLY');
      fail(
        'READ_ONLY',
        `${host.profile.name} is read-only: Berth changes nothing on it. Turn the switch off in the host's settings first.`,
      );
    }
    if (isProduction(host.profile) && isDestructive(action, names.length)) {
      const required = requiredConfirmation(names);
      if (confirmation === undefined) {
        this.record(host, action, names, 'error', 'PRODUCTION_CONFIRMATION_REQUIRED');
        fail('PRODUCTION_CONFIRMATION_REQUIRED', `${host.profile.name} is a production host: type "${required}" to confirm.`);
      }
      if (confirmation !== required) {
        this.record(host, action, names, 'error', 'PRODUCTION_CONFIRMATION_MISMATCH');
        fail('PRODUCTION_CONFIRMATION_MISMATCH', `The confirmation does not match: type "${required}" exactly.`);
      }
    }
  }

  private act(args: Record<string, unknown>): InvokeResults['containers:action'] {
    const host = this.host(String(args.hostId));
    const action = args.action as Exclude<ContainerAction, 'rename'>;
    const ids = args.containerIds as string[];
    const containers = ids.map((id) => host.snapshot.containers.find((container) => container.id === id));
    const names = containers.map((container, index) => container?.names[0]?.replace(/^\//, '') ?? ids[index] ?? '');
    this.guard(host, action, names, args.confirmation);
    const nextState: Partial<Record<typeof action, ContainerSummary['state']>> = {
      start: 'running',
      stop: 'exited',
      restart: 'running',
      kill: 'exited',
      pause: 'paused',
      unpause: 'running',
    };
    const removed = new Set<string>();
    const results = containers.map((container, index) => {
      const containerId = ids[index] ?? '';
      const name = names[index] ?? containerId;
      if (!container)
        return {
          containerId,
          name,
          ok: false as const,
          error: { code: 'CONTAINER_NOT_FOUND' as const, message: `No container "${containerId}".` },
        };
      if (action === 'remove') {
        if (container.state === 'running' && args.force !== true)
          return {
            containerId,
            name,
            ok: false as const,
            error: { code: 'CONTAINER_CONFLICT' as const, message: 'The container is running: stop it first or remove with force.' },
          };
        removed.add(container.id);
      }
      return { containerId, name, ok: true as const };
    });
    const containersAfter = host.snapshot.containers
      .filter((container) => !removed.has(container.id))
      .map((container) => {
        const state = nextState[action];
        if (!ids.includes(container.id) || !state) return container;
        return {
          ...container,
          state,
          status: state === 'running' ? 'Up 1 second' : state === 'paused' ? 'Up 1 second (Paused)' : 'Exited (0) 1 second ago',
        };
      });
    this.context.setSnapshot(host.profile.id, {
      ...host.snapshot,
      containers: containersAfter,
      counts: countContainers(containersAfter),
      updatedAt: this.context.now(),
    });
    const failed = results.filter((result) => !result.ok).length;
    this.record(
      host,
      action,
      names,
      failed === 0 ? 'ok' : failed === results.length ? 'error' : 'partial',
      results.find((result) => !result.ok)?.error?.code,
    );
    return { action, results };
  }

  private rename(args: Record<string, unknown>): InvokeResults['containers:rename'] {
    const { host, container } = this.find(args);
    const name = container.names[0]?.replace(/^\//, '') ?? container.id;
    this.guard(host, 'rename', [name], undefined);
    const newName = String(args.newName).replace(/^\//, '');
    const containers = host.snapshot.containers.map((item) => (item.id === container.id ? { ...item, names: [`/${newName}`] } : item));
    this.context.setSnapshot(host.profile.id, { ...host.snapshot, containers, updatedAt: this.context.now() });
    this.record(host, 'rename', [name], 'ok');
    return { action: 'rename', results: [{ containerId: container.id, name: newName, ok: true }] };
  }
}
