import path from 'node:path';
import type { HostCertificates } from '../../../shared/certificate-health.js';
import type { InvokeResults } from '../../../shared/contract.js';
import type { HostView } from '../../../shared/host-view.js';
import type { TlsConfiguration, TlsInvokeChannel } from '../../../shared/tls-contract.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { clientConfiguration, daemonConfiguration } from '../tls/docker-configuration.js';
import type { WorkerOptions } from '../tls/generate-in-worker.js';
import { type TlsInstallDependencies, verifyTlsHost } from '../tls/install/index.js';
import { opensslCommands } from '../tls/openssl-commands.js';
import { parseSan } from '../tls/san.js';
import type { CertificateCheckOptions } from './certificate-health.js';
import { CertificateHealthMonitor } from './certificate-health-monitor.js';
import type { HostRegistry } from './host-registry.js';
import type { AnyPushMessage } from './push-queue.js';
import { renewClientCertificate } from './renew-client-certificate.js';
import { GenerationJobs } from './tls-generation-jobs.js';
import { InstallJobs } from './tls-install-jobs.js';
import type { ParsedInput } from './validate-input.js';
import { readCertificateFile, resolveLocalPath } from './wizard-files.js';

/** Knobs for tests only: fake workers, a fake installer, a fake handshake, health checks. */
export interface TlsWizardTestHooks {
  createWorker?: WorkerOptions['createWorker'];
  install?: Partial<TlsInstallDependencies>;
  verify?: typeof verifyTlsHost;
  health?: CertificateCheckOptions & { recheckMs?: number };
}

/** How the wizard tells the renderers what happened. */
export interface TlsWizardNotifier {
  /** A push to every attached renderer (tls:progress, tls:install-step). */
  push(message: AnyPushMessage): void;
  /** The host list changed (a host was added or its certificates changed): push it again. */
  hostsChanged(): void;
}

export interface TlsWizardServiceOptions {
  hosts: Pick<HostRegistry, 'has' | 'view' | 'isReady' | 'profileOf' | 'save' | 'retry' | 'subscribe'>;
  knownHosts: KnownHosts;
  notifier: TlsWizardNotifier;
  homeDir?: string;
  testHooks?: TlsWizardTestHooks;
}

export type TlsHandlers = { [C in TlsInvokeChannel]: (input: ParsedInput<C>) => Promise<InvokeResults[C]> };

/**
 * The main side of the TLS setup wizard and of certificate health: the tls:* channels. Private keys and the CA passphrase stay in this process; replies and pushes
 * carry paths, certificate summaries and step output only.
 */
export class TlsWizardService {
  private readonly generation: GenerationJobs;
  private readonly installs: InstallJobs;
  private readonly health: CertificateHealthMonitor;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: TlsWizardServiceOptions) {
    const { hosts, notifier, testHooks: hooks = {} } = options;
    this.generation = new GenerationJobs((payload) => notifier.push({ channel: 'tls:progress', payload }), {
      ...(options.homeDir !== undefined && { homeDir: options.homeDir }),
      ...(hooks.createWorker && { createWorker: hooks.createWorker }),
    });
    this.installs = new InstallJobs((payload) => notifier.push({ channel: 'tls:install-step', payload }), {
      knownHosts: options.knownHosts,
      ...(hooks.install && { dependencies: hooks.install }),
    });
    this.health = new CertificateHealthMonitor({
      // A host without a usable profile (removed, locked, key gone) has no certificates to check.
      profileOf: async (hostId) =>
        Promise.resolve(hostId)
          .then((id) => hosts.profileOf(id))
          .catch(() => undefined),
      changed: () => notifier.hostsChanged(),
      isReady: (hostId) => hosts.isReady(hostId),
      ...(hooks.health?.recheckMs !== undefined && { recheckMs: hooks.health.recheckMs }),
      ...(hooks.health && { check: hooks.health }),
    });
    this.unsubscribe = hosts.subscribe((event) => this.health.onConnectionEvent(event));
  }

  /** The certificate health last computed for a host, for its HostView. */
  certificatesOf(hostId: string): HostCertificates | undefined {
    return this.health.get(hostId);
  }

  handlers(): TlsHandlers {
    return {
      'tls:generate': (input) => this.generation.generate(input),
      'tls:cancel': async ({ jobId }) => ({ cancelled: this.generation.cancel(jobId) || this.installs.cancel(jobId) }),
      'tls:configuration': async (input) => this.configuration(input),
      'tls:install': async (input) => {
        const { hostId, certDir, jobId, ...settings } = input;
        const profile = this.options.hosts.profileOf(hostId);
        const dir = certDir !== undefined ? this.local(certDir) : this.generation.outDirOf(jobId!);
        return this.installs.install(settings, profile, dir);
      },
      'tls:rollback': (input) => this.installs.rollback(input),
      'tls:verify': async ({ host, port, certDir, serverName }) => {
        const dir = this.local(certDir);
        const [ca, cert, key] = await Promise.all([
          readCertificateFile(dir, 'ca.pem'),
          readCertificateFile(dir, 'cert.pem'),
          readCertificateFile(dir, 'key.pem'),
        ]);
        const verified = await (this.options.testHooks?.verify ?? verifyTlsHost)({
          host,
          port,
          ca,
          cert,
          key,
          ...(serverName !== undefined ? { serverName } : {}),
        });
        return { ...verified, serverCertificate: { ...verified.serverCertificate } };
      },
      'tls:save-host': (input) => this.saveHost(input),
      'tls:health': ({ hostId }) => {
        this.options.hosts.view(hostId);
        return this.health.check(hostId);
      },
      'tls:renew-client': async ({ hostId, ...rest }) => {
        const result = await renewClientCertificate({ profile: this.options.hosts.profileOf(hostId), ...rest });
        await this.options.hosts.retry(hostId);
        return result;
      },
    };
  }

  dispose(): void {
    this.unsubscribe();
    this.generation.dispose();
    this.installs.dispose();
    this.health.dispose();
  }

  private configuration(input: ParsedInput<'tls:configuration'>): TlsConfiguration {
    const certDir = this.local(input.certDir);
    const daemon = daemonConfiguration({ certDir: input.remoteDir, host: input.host, port: input.port });
    const client = clientConfiguration({ certDir, host: input.host, port: input.port });
    const openssl = input.openssl
      ? opensslCommands({
          sans: input.openssl.sans.map((text) => parseSan(text)),
          includeLoopback: input.openssl.includeLoopback,
          keyType: input.openssl.keyType,
          validityDays: input.openssl.validityDays,
          encryptCaKey: input.openssl.encryptCaKey,
        })
      : undefined;
    return {
      daemon: {
        daemonJsonPath: daemon.daemonJsonPath,
        daemonJsonText: daemon.daemonJsonText,
        systemdDropInPath: daemon.systemdDropInPath,
        systemdDropIn: daemon.systemdDropIn,
        dockerOptsLine: daemon.dockerOptsLine,
        dockerdCommand: daemon.dockerdCommand,
        applyCommands: daemon.applyCommands,
        notes: daemon.notes,
      },
      client,
      ...(openssl ? { openssl: { script: openssl.script, steps: openssl.steps } } : {}),
    };
  }

  /** A TLS host with certDir's files (by path): a new one, or `hostId` switched to them. */
  private async saveHost(input: ParsedInput<'tls:save-host'>): Promise<HostView> {
    const dir = this.local(input.certDir);
    await Promise.all((['ca.pem', 'cert.pem', 'key.pem'] as const).map((name) => readCertificateFile(dir, name)));
    const existing =
      input.hostId !== undefined && this.options.hosts.has(input.hostId) ? this.options.hosts.view(input.hostId).profile : undefined;
    const id = existing?.id ?? input.hostId ?? this.newHostId(input.name);
    const tags = input.tags ?? existing?.tags ?? [];
    const color = input.color ?? existing?.color;
    return this.options.hosts.save(
      {
        id,
        name: input.name,
        tags,
        ...(color ? { color } : {}),
        transport: {
          type: 'tls',
          host: input.host,
          port: input.port,
          ca: { kind: 'path', path: path.join(dir, 'ca.pem') },
          cert: { kind: 'path', path: path.join(dir, 'cert.pem') },
          key: { kind: 'path', path: path.join(dir, 'key.pem') },
          ...(input.serverName !== undefined ? { serverName: input.serverName } : {}),
        },
        // A TLS profile with files holds no secrets: whatever was stored for this id goes.
        keepStoredSecrets: false,
      },
      () => this.options.notifier.hostsChanged(),
    );
  }

  private newHostId(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 48) || 'tls-host';
    let candidate = base;
    for (let index = 2; this.options.hosts.has(candidate); index++) candidate = `${base}-${index}`;
    return candidate;
  }

  private local(value: string): string {
    return resolveLocalPath(value, this.options.homeDir);
  }
}
