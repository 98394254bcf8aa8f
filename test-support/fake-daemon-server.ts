import http from 'node:http';
import type net from 'node:net';
import type { TransportOf } from '../shared/profile.js';

/** A container as dockerd 20.10 lists it in /containers/json. */
export function fakeContainer(index: number, state: 'running' | 'exited' = 'running'): Record<string, unknown> {
  const id = `fa4e${index.toString(16).padStart(60, '0')}`;
  return {
    Id: id,
    Names: [`/fake-${index}`],
    Image: 'berth-lab/busybox:latest',
    ImageID: `sha256:${'a'.repeat(64)}`,
    Command: 'sleep 3600',
    Created: 1_764_300_000 + index,
    State: state,
    Status: state === 'running' ? 'Up 2 minutes' : 'Exited (0) 1 minute ago',
    Ports: [],
    Labels: { 'com.docker.compose.project': 'fake', 'com.docker.compose.service': `svc-${index}` },
    HostConfig: { NetworkMode: 'none' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

/** Answers a request the fake should misbehave on; return false to let the fake answer it. */
export type Override = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

/**
 * A fake Docker daemon on 127.0.0.1 (plain HTTP), for the faults a real daemon will not
 * produce on demand: oversized or endless answers, event bursts. It counts what it is asked.
 */
export class FakeDaemonServer {
  containers: Array<Record<string, unknown>> = [];
  /** Delay before each /containers/json answer, so reads overlap as over a real network. */
  listDelayMs = 0;
  override: Override | undefined;
  readonly stats = { requests: 0, containerLists: 0, listsInFlight: 0, peakListsInFlight: 0, versionReads: 0, connections: 0 };
  private readonly server = http.createServer((request, response) => this.handle(request, response));
  private readonly eventStreams = new Set<http.ServerResponse>();
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async start(): Promise<this> {
    this.server.on('connection', (socket) => {
      this.stats.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  transport(): TransportOf<'tcp'> {
    return { type: 'tcp', host: '127.0.0.1', port: this.port };
  }

  /** Open /events streams. */
  eventListeners(): number {
    return this.eventStreams.size;
  }

  /** Sends one event to every open /events stream. */
  emit(event: object): void {
    const line = `${JSON.stringify(event)}\n`;
    for (const stream of this.eventStreams) stream.write(line);
  }

  /** The container list exactly as /containers/json answers it. */
  listBody(ids?: readonly string[]): string {
    const list = ids ? this.containers.filter((container) => ids.includes(container.Id as string)) : this.containers;
    return JSON.stringify(list);
  }

  async close(): Promise<void> {
    for (const stream of this.eventStreams) stream.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    this.stats.requests += 1;
    if (this.override?.(request, response)) return;
    const url = new URL(request.url ?? '/', 'http://fake');
    const json = (body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    switch (url.pathname) {
      case '/_ping':
        response.end('OK');
        return;
      case '/version':
        this.stats.versionReads += 1;
        return json({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' });
      case '/info':
        return json({ Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']], ServerVersion: '20.10.24', NCPU: 2 });
      case '/system/df':
        return json({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] });
      case '/containers/json': {
        this.stats.containerLists += 1;
        this.stats.listsInFlight += 1;
        this.stats.peakListsInFlight = Math.max(this.stats.peakListsInFlight, this.stats.listsInFlight);
        const filters = url.searchParams.get('filters');
        const ids = filters ? (JSON.parse(filters) as { id?: string[] }).id : undefined;
        setTimeout(() => {
          this.stats.listsInFlight -= 1;
          json(this.listBody(ids));
        }, this.listDelayMs);
        return;
      }
      case '/events':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.flushHeaders();
        this.eventStreams.add(response);
        response.on('close', () => this.eventStreams.delete(response));
        return;
      default:
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `page not found: ${url.pathname}` }));
    }
  }
}

/** Answers with `status` and a body that never ends, written as fast as the client reads. */
export function endlessBody(response: http.ServerResponse, status: number): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  response.on('close', () => response.removeAllListeners('drain'));
  pump();
}
