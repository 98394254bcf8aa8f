import net from 'node:net';

export type ProxyMode = 'pass' | 'stall' | 'refuse';

/**
 * A TCP proxy on 127.0.0.1 in front of a lab endpoint that can misbehave on command: stall every
 * connection (a sleeping laptop), refuse new ones (a host that is down), or cut the ones open
 * (a dropped link).
 */
export class FaultProxy {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private mode: ProxyMode = 'pass';
  private cutOn: { marker: string; afterMs: number; cut: () => void } | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
    for (const { client, upstream } of this.pairs) {
      if (mode === 'stall') {
        client.pause();
        upstream.pause();
      } else if (mode === 'pass') {
        client.resume();
        upstream.resume();
      }
    }
  }

  /** Drops every open connection at once, as a broken link would. */
  cutAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /**
   * Once a client sends bytes holding `marker` (e.g. `POST /containers/prune`), forwards them and
   * drops every connection `afterMs` later: a link that breaks while the daemon works. Resolves then.
   */
  cutWhenSent(marker: string, afterMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.cutOn = {
        marker,
        afterMs,
        cut: () => {
          this.cutOn = undefined;
          this.cutAll();
          resolve();
        },
      };
    });
  }

  openConnections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forget = () => this.pairs.delete(pair);
    client.on('close', () => {
      forget();
      upstream.destroy();
    });
    upstream.on('close', () => {
      forget();
      client.destroy();
    });
    // Manual forwarding (not pipe) so that pause() in stall mode really holds every byte.
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      const cutOn = this.cutOn;
      if (cutOn && chunk.includes(cutOn.marker)) setTimeout(cutOn.cut, cutOn.afterMs);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    if (this.mode === 'stall') {
      client.pause();
      upstream.pause();
    }
  }
}
