import type { InvokeChannel } from '../../../shared/contract.js';
import type { FleetSettings } from '../../../shared/settings.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import type { ConnectionManager } from '../connection-manager.js';
import { ConnectionPolicy } from './connection-policy.js';
import { StandbyDiskUsage } from './standby-disk-usage.js';
import { StandbyTuning } from './standby-tuning.js';

/**
 * Channels that name a host but need no live session: answered from memory or stores, or making
 * connections of their own (the TLS wizard), or steering the session itself (retry, host keys).
 * Every other channel naming a standby host promotes it first.
 */
const answeredWithoutLiveSession: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'hosts:remove',
  'hosts:retry',
  'hosts:snapshot',
  'hosts:accept-host-key',
  'hosts:reject-host-key',
  'hosts:provide-secret',
  'hosts:forget-host-key',
  'tls:install',
  'tls:save-host',
  'tls:health',
  'tls:renew-client',
  'audit:list',
  'timeline:query',
  'alerts:list',
]);

export interface FleetConnectionsOptions {
  settings: FleetSettings;
  /** The saved hosts that can connect. */
  hostIds: () => Iterable<string>;
  /** Hosts with an unacknowledged alert. */
  alertHosts: () => Iterable<string>;
  /** Tests: shorter health interval and linger than Settings allow. */
  testHooks?: FleetTestHooks;
}

export interface FleetTestHooks {
  healthIntervalMs?: number;
  lingerMs?: number;
}

/**
 * The large-fleet connection policy wired to the connection manager: which hosts are live
 * (ConnectionPolicy), how standby hosts are read (StandbyTuning), and promotion on use. The
 * manager is attached after construction, since the manager needs `standby` and `modeOf` first.
 */
export class FleetConnections {
  readonly standby: StandbyTuning;
  readonly policy: ConnectionPolicy;
  private manager: ConnectionManager | undefined;
  /** Standby reads begin only after attach, which creates this with the manager's fleet-wide df pacer. */
  private diskUsage: StandbyDiskUsage | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: FleetConnectionsOptions) {
    this.standby = new StandbyTuning(options.settings, options.testHooks?.healthIntervalMs, (hostId, connection, info) =>
      this.diskUsage ? this.diskUsage.read(hostId, connection, info) : null,
    );
    this.policy = new ConnectionPolicy(
      {
        hostIds: () => options.hostIds(),
        alertHosts: () => options.alertHosts(),
        mode: (hostId) => this.manager?.mode(hostId),
        setMode: (hostId, mode) => this.manager?.setMode(hostId, mode),
      },
      {
        liveSessionLimit: options.settings.liveSessionLimit,
        ...(options.testHooks?.lingerMs !== undefined && { lingerMs: options.testHooks.lingerMs }),
      },
    );
  }

  attach(manager: ConnectionManager): void {
    this.manager = manager;
    const diskUsage = new StandbyDiskUsage(manager.diskUsagePacer);
    this.diskUsage = diskUsage;
    this.unsubscribe = manager.subscribe((event) => {
      if (event.type === 'removed') diskUsage.forget(event.hostId);
    });
  }

  /** Settings → Fleet saved: the limit, interval and budget apply from now on. */
  apply(settings: FleetSettings): void {
    this.standby.apply(settings);
    this.policy.setLimit(settings.liveSessionLimit);
  }

  /**
   * Before an invoke: a channel naming a standby host promotes it and waits (up to `timeoutMs`)
   * until it is live or has failed, so the handler finds its connection. Returns the release that
   * ends the hold when the invoke is done (the host then lingers and, out of view, goes back on
   * standby); undefined when the invoke names no host with a session.
   */
  async promoteFor(channel: InvokeChannel, input: unknown, timeoutMs: number): Promise<(() => void) | undefined> {
    const hostId = hostIdOf(input);
    const manager = this.manager;
    if (hostId === undefined || !manager || answeredWithoutLiveSession.has(channel)) return undefined;
    const mode = manager.mode(hostId);
    if (mode === undefined) return undefined;
    const release = this.policy.use(hostId);
    if (mode === 'standby') await waitUntilLive(manager, hostId, timeoutMs);
    return release;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.policy.dispose();
  }
}

function hostIdOf(input: unknown): string | undefined {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).hostId : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Live and ready, or an outcome the handler reports (failed, host key, removed); else the deadline. */
function settled(status: HostStatus): boolean {
  if (status.state === 'ready') return status.standby === undefined;
  return status.state === 'failed' || status.state === 'needs-host-key-confirmation' || status.state === 'idle';
}

async function waitUntilLive(manager: ConnectionManager, hostId: string, timeoutMs: number): Promise<void> {
  if (settled(manager.status(hostId))) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    // At the deadline the handler runs anyway and says the host is not connected.
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = manager.subscribe((event) => {
      if (event.hostId !== hostId) return;
      // A failed live attempt (reconnecting) is the handler's to report, too.
      if (event.type === 'removed' || (event.type === 'status' && (settled(event.status) || event.status.state === 'reconnecting'))) done();
    });
  });
}
