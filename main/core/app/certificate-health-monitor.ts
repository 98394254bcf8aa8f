import type { HostCertificates } from '../../../shared/certificate-health.js';
import { errorKindOf } from '../../../shared/errors.js';
import type { HostProfile } from '../../../shared/profile.js';
import type { ConnectionEvent } from '../connection-manager.js';
import { BerthError } from '../errors.js';
import { type CertificateCheckOptions, checkTlsCertificates } from './certificate-health.js';

export interface CertificateHealthMonitorOptions {
  /** The host's full profile (secrets filled in), or undefined when it has none. */
  profileOf: (hostId: string) => Promise<HostProfile | undefined>;
  /** Tells clients that a host's certificates changed (a new HostView). */
  changed: (hostId: string) => void;
  /** Ready TLS hosts are checked again this often (days left change). Default 6 h; 0 turns it off. */
  recheckMs?: number;
  /** Whether a host is ready now (for the periodic check). */
  isReady: (hostId: string) => boolean;
  check?: CertificateCheckOptions;
}

/**
 * Keeps the certificate health of every TLS host: checked each time the host becomes ready, on
 * demand, and every few hours while it stays ready. Results are kept for HostView.certificates.
 */
export class CertificateHealthMonitor {
  private readonly results = new Map<string, HostCertificates>();
  private readonly running = new Map<string, Promise<HostCertificates | undefined>>();
  /** Hosts whose last status was ready. */
  private readonly readyHosts = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(private readonly options: CertificateHealthMonitorOptions) {
    const every = options.recheckMs ?? 6 * 3600_000;
    if (every > 0) {
      this.timer = setInterval(() => this.recheckReady(), every);
      this.timer.unref?.();
    }
  }

  /**
   * Feed every connection event: a host that becomes ready is checked, and so is one that failed
   * on TLS (it may never become ready, and its certificates are what to look at); a removed one is forgotten.
   */
  onConnectionEvent(event: ConnectionEvent): void {
    if (this.disposed) return;
    if (event.type === 'removed') {
      this.results.delete(event.hostId);
      this.readyHosts.delete(event.hostId);
      return;
    }
    if (event.type !== 'status') return;
    const status = event.status;
    const tlsFailure = status.state === 'failed' && errorKindOf(status.error.code) === 'tls';
    // A standby host reports ready after every health read: it is checked when it becomes ready, not each time.
    const becameReady = status.state === 'ready' && !this.readyHosts.has(event.hostId);
    if (status.state === 'ready') this.readyHosts.add(event.hostId);
    else this.readyHosts.delete(event.hostId);
    if (becameReady || tlsFailure) void this.check(event.hostId).catch(() => undefined);
  }

  get(hostId: string): HostCertificates | undefined {
    return this.results.get(hostId);
  }

  /** Checks a host now (joining a check already running); rejects for a host that is not a TLS host. */
  async check(hostId: string): Promise<HostCertificates> {
    const inFlight = this.running.get(hostId);
    const run = inFlight ?? this.run(hostId);
    if (!inFlight) {
      this.running.set(hostId, run);
      void run.finally(() => this.running.delete(hostId)).catch(() => undefined);
    }
    const result = await run;
    if (!result)
      throw new BerthError('INVALID_ARGUMENT', `Host "${hostId}" does not connect over TLS, so it has no certificates to check.`);
    return result;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.results.clear();
  }

  private async run(hostId: string): Promise<HostCertificates | undefined> {
    const profile = await this.options.profileOf(hostId);
    if (!profile || profile.transport.type !== 'tls') {
      if (this.results.delete(hostId)) this.options.changed(hostId);
      return undefined;
    }
    const result = await checkTlsCertificates(profile.transport, this.options.check);
    if (this.disposed) return result;
    this.results.set(hostId, result);
    this.options.changed(hostId);
    return result;
  }

  private recheckReady(): void {
    for (const hostId of this.results.keys()) {
      if (this.options.isReady(hostId)) void this.check(hostId).catch(() => undefined);
    }
  }
}
