import os from 'node:os';
import type { AppInfo, AppWarning, InvokeChannel, InvokeReply, InvokeResults } from '../../../shared/contract.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import type { HostView } from '../../../shared/host-view.js';
import type { HostSnapshot, HostStatus } from '../../../shared/snapshot.js';
import type { ConnectionSettings } from '../../../shared/settings.js';
import { type ConnectionEvent, ConnectionManager, type ConnectionManagerOptions, type ConnectionTuning } from '../connection-manager.js';
import { type DockerEnvironment, transportFromEndpoint } from '../endpoint.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { type SshStats, isSshTunnel } from '../transports/ssh-tunnel.js';
import type { ProfileStore } from '../store/profile-store.js';
import { type SecretStore, masterPassphraseOf } from '../store/secret-store.js';
import { type SettingsSource, memorySettings } from '../store/settings-store.js';
import type { SnapshotPersistence } from '../store/snapshot-store.js';
import { forgetChangedHostKey } from './forget-host-key.js';
import { defaultSshConfigFile, listSshConfigHosts, type SshEnvironment, sshConfigEnvironment } from '../ssh-config/ssh-config-hosts.js';
import { HostRegistry } from './host-registry.js';
import { CleanupService } from '../cleanup/cleanup-service.js';
import type { PruneRunnerOptions } from '../cleanup/prune-runner.js';
import { ContainersService, type ContainersServiceTestOptions } from '../containers/containers-service.js';
import type { StreamClient } from '../containers/stream-registry.js';
import { ResourceChangeNotifier } from '../resources/resource-change-notifier.js';
import { ResourcesService } from '../resources/resources-service.js';
import { testConnection } from './test-connection.js';
import { TlsWizardService, type TlsWizardTestHooks } from './tls-wizard-service.js';
import { detectLocalDaemon } from './local-detect.js';
import { type FileChooser, HostSetupService } from './host-setup-service.js';
import { dockerConfigDir } from '../contexts/docker-context-store.js';
import { profileDraftSchema } from '../../../shared/host-view.js';
import { type FleetEventsOptions, FleetEventsService } from './fleet-events-service.js';
import type { Alert } from '../../../shared/alerts-contract.js';
import { ImageCatalog } from '../images/image-catalog.js';
import { resourceKindsOf } from '../resources/resource-events.js';
import { type AnyPushMessage, PushQueue, type PushSink } from './push-queue.js';
import { FleetConnections, type FleetTestHooks } from '../fleet/fleet-connections.js';
import { scrubSecrets, scrubUrlCredentials, secretStringsIn } from './scrub-secrets.js';
import { type ParsedInput, isInvokeChannel, unknownChannelError, validateInput } from './validate-input.js';

/** What production wires in. */
export interface BerthServiceOptions {
  profiles: ProfileStore;
  secrets: SecretStore;
  /** The operator's settings (theme, deadlines, reconnect policy); default in memory. */
  settings?: SettingsSource;
  /** The app-owned known_hosts (plus ~/.ssh/known_hosts read-only when the operator allows it). */
  knownHosts: KnownHosts;
  app: { version: string; shell: AppInfo['shell']; platform?: string };
  /** Problems the stores recovered from at start-up, reported through app:info. */
  warnings?: AppWarning[];
  /** The docker client's environment for local:detect, and ssh's (SSH_AUTH_SOCK, USER) for sshconfig:list; default process.env. */
  env?: DockerEnvironment & SshEnvironment;
  homeDir?: string;
  /** Each host's last snapshot, kept across restarts (`snapshots/` in the data directory); none without it. */
  snapshots?: SnapshotPersistence;
  /** Where the audit log (`audit.jsonl`) is kept; without it the audit log lives in memory only (tests). */
  dataDir?: string;
  /** The docker CLI's config folder, whose contexts the add-host flow offers; default $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string;
  /** Electron's file dialog (files:choose); the browser shell has none. */
  chooseFile?: FileChooser;
  /** Shows an alert as a desktop notification (Electron); the browser shell shows it from the alerts:raised push. */
  notify?: (alert: Alert) => void;
  /** Only tests set these. */
  testHooks?: BerthServiceTestHooks;
}

/** Knobs for tests only: fake or faster connections, shorter deadlines, the TLS wizard's fakes. */
export interface BerthServiceTestHooks {
  /** Session timeouts and backoff, a fake daemon's openConnection. */
  connections?: Omit<ConnectionManagerOptions, 'knownHosts'>;
  /** Deadline of each step of hosts:test; default 10 s. */
  testTimeoutMs?: number;
  /** How long local:detect waits; default 2 s. */
  detectTimeoutMs?: number;
  /** The TLS wizard's workers, installer, handshakes and health checks. */
  tls?: TlsWizardTestHooks;
  /** Audit rotation, the audit's OS user and stream resume pacing. */
  containers?: ContainersServiceTestOptions;
  /** How long a prune may run, and how long a dropped one waits to re-read. */
  cleanup?: PruneRunnerOptions;
  /** The alert engine's clock and webhook pacing, the timeline's store. */
  fleetEvents?: Pick<FleetEventsOptions, 'alerts' | 'timelineStore'>;
  /** Standby reads and demotion faster than Settings → Fleet allows. */
  fleet?: FleetTestHooks;
}

/** One renderer (Electron window, browser tab) attached to the service. */
export interface BerthClient {
  /** The renderer's listeners are attached: flush what was queued and push directly from now on. */
  ready(): void;
  /** The renderer reloaded: queue again (seeded with the current state) until it says ready. */
  reset(): void;
  detach(): void;
  /** An invoke on behalf of this client: streams it opens push to it alone and close when it detaches or resets. */
  invoke<C extends InvokeChannel>(channel: C, input: unknown): Promise<InvokeReply<C>>;
  invoke(channel: unknown, input: unknown): Promise<InvokeReply<InvokeChannel>>;
}

/** Who is invoking: the attached client (streams need one), absent for plain service calls. */
export interface InvokeContext {
  client?: StreamClient;
}

type Handlers = { [C in InvokeChannel]: (input: ParsedInput<C>, context: InvokeContext) => Promise<InvokeResults[C]> };

/**
 * Everything between the core and a renderer: answers every invoke channel of the contract
 * (validated, as an InvokeReply envelope, never a throw) and pushes host status and snapshot
 * changes to attached clients, queued until each says it is ready. Secrets never leave it:
 * profiles are redacted, and every outgoing error message is scrubbed of known secret values.
 */
export class BerthService {
  private readonly manager: ConnectionManager;
  private readonly hosts: HostRegistry;
  private readonly clients = new Set<PushQueue>();
  private warnings: AppWarning[];
  /** Secrets of the inputs being handled right now (a draft under test is in no store), for crash reports. */
  private readonly inFlightSecrets = new Map<number, readonly string[]>();
  private nextInvoke = 0;
  private readonly unsubscribe: () => void;
  private readonly handlers: Handlers;
  private readonly tls: TlsWizardService;
  private readonly containers: ContainersService;
  private readonly cleanup: CleanupService;
  private readonly resources: ResourcesService;
  private readonly resourceChanges: ResourceChangeNotifier;
  private readonly setup: HostSetupService;
  private readonly settings: SettingsSource;
  private readonly fleetEvents: FleetEventsService;
  private readonly images: ImageCatalog;
  private readonly fleet: FleetConnections;
  private nextClient = 0;
  private starting: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: BerthServiceOptions) {
    this.warnings = [...(options.warnings ?? [])];
    const hooks = options.testHooks ?? {};
    this.settings = options.settings ?? memorySettings();
    this.fleetEvents = new FleetEventsService({
      ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
      hostName: (hostId) => (this.hosts.has(hostId) ? this.hosts.view(hostId).profile.name : hostId),
      broadcast: (message) => {
        this.broadcast(message);
        // Hosts with an unacknowledged alert are held live.
        if (message.channel === 'alerts:raised' || message.channel === 'alerts:acknowledged') this.fleet.policy.update();
      },
      ...(options.notify && { notify: options.notify }),
      ...hooks.fleetEvents,
    });
    this.fleet = new FleetConnections({
      settings: this.settings.get().fleet,
      hostIds: () => this.hosts.ids().filter((id) => !this.hosts.isUnavailable(id)),
      alertHosts: () => this.fleetEvents.alerts.hostsWithOpenAlerts(),
      ...(hooks.fleet && { testHooks: hooks.fleet }),
    });
    // The saved settings first; a test's knobs override them.
    const tuning = connectionTuningOf(this.settings.get().connection);
    this.manager = new ConnectionManager({
      ...tuning,
      ...hooks.connections,
      knownHosts: options.knownHosts,
      eventResume: (hostId) => this.fleetEvents.resumePoint(hostId),
      ...(options.snapshots && { restoredSnapshot: (hostId: string) => options.snapshots?.restore(hostId) }),
      standby: this.fleet.standby,
      modeOf: (hostId) => this.fleet.policy.modeOf(hostId),
    });
    this.fleet.attach(this.manager);
    this.hosts = new HostRegistry(options.profiles, options.secrets, this.manager, (warning) => this.warnings.push(warning));
    this.unsubscribe = this.manager.subscribe((event) => this.onConnectionEvent(event));
    this.tls = new TlsWizardService({
      hosts: this.hosts,
      knownHosts: options.knownHosts,
      notifier: {
        push: (message) => this.broadcast(message),
        hostsChanged: () => {
          this.pushHostsChanged();
          for (const hostId of this.hosts.ids()) this.fleetEvents.certificates(hostId, this.tls.certificatesOf(hostId));
        },
      },
      ...(options.homeDir !== undefined && { homeDir: options.homeDir }),
      ...(hooks.tls && { testHooks: hooks.tls }),
    });
    this.containers = new ContainersService({
      hosts: this.hosts,
      connectionOf: (hostId) => (this.hosts.isUnavailable(hostId) ? null : this.manager.connection(hostId)),
      // Only a live read: a snapshot restored from an earlier run may name containers that are gone.
      containersOf: (hostId) => (this.hosts.isUnavailable(hostId) ? [] : (this.manager.liveSnapshot(hostId)?.containers ?? [])),
      ...(options.dataDir !== undefined && { auditDir: options.dataDir }),
      ...hooks.containers,
    });
    this.cleanup = new CleanupService({
      hosts: this.hosts,
      connectionOf: (hostId) => (this.hosts.isUnavailable(hostId) ? null : this.manager.connection(hostId)),
      snapshotOf: (hostId) => (this.hosts.isUnavailable(hostId) ? null : this.manager.liveSnapshot(hostId)),
      readDiskUsage: (hostId) => (this.hosts.isUnavailable(hostId) ? null : this.manager.readDiskUsage(hostId)),
      audit: this.containers.audit,
      ...(hooks.containers?.osUser !== undefined && { osUser: hooks.containers.osUser }),
      ...(hooks.cleanup && { testHooks: hooks.cleanup }),
    });
    this.resources = new ResourcesService({
      hosts: this.hosts,
      connectionOf: (hostId) => (this.hosts.isUnavailable(hostId) ? null : this.manager.connection(hostId)),
      diskUsageOf: (hostId) => () => this.manager.readDiskUsage(hostId),
      containers: this.containers,
    });
    this.resourceChanges = new ResourceChangeNotifier((change) => this.broadcast({ channel: 'resources:changed', payload: change }));
    const homeDir = options.homeDir ?? os.homedir();
    this.setup = new HostSetupService({
      homeDir,
      dockerConfigDir: options.dockerConfigDir ?? dockerConfigDir(process.env, homeDir),
      ...(options.chooseFile && { chooseFile: options.chooseFile }),
      save: async (draft) => this.outgoingView(await this.hosts.save(profileDraftSchema.parse(draft), () => this.pushHostsChanged())),
      notify: (notice) => this.broadcast({ channel: 'app:notice', payload: notice }),
    });
    this.images = new ImageCatalog(
      {
        subscribe: (listener) => this.manager.subscribe(listener),
        ids: () => this.hosts.ids().filter((id) => !this.hosts.isUnavailable(id)),
        connection: (hostId) => (this.hosts.isUnavailable(hostId) || !this.hosts.has(hostId) ? null : this.manager.connection(hostId)),
      },
      (hostId) => this.broadcast({ channel: 'images:changed', payload: { hostId } }),
    );
    this.handlers = this.createHandlers();
  }

  /** A `.dockercontext` file opened with the app: saved as a host; the outcome is pushed as `app:notice`. */
  async importContextFile(file: string): Promise<HostView | undefined> {
    await this.start();
    return this.setup.importContextFile(file);
  }

  /** Loads the saved hosts and starts connecting to them. Idempotent. */
  start(): Promise<void> {
    this.starting ??= this.hosts
      .load((ids) => this.fleet.policy.expect(ids))
      .finally(() => this.fleet.policy.expect([]))
      .then(() => {
        // Snapshot files of hosts removed while Berth was not running go once the hosts are known;
        // not when the profiles were set aside as damaged (the operator may put them back).
        if (!this.warnings.some((warning) => warning.code === 'PROFILES_RECOVERED'))
          void this.options.snapshots?.retainOnly(this.hosts.ids());
      });
    return this.starting;
  }

  /** Answers one invoke. Unknown channels and invalid input are INVALID_ARGUMENT envelopes. */
  invoke<C extends InvokeChannel>(channel: C, input: unknown, context?: InvokeContext): Promise<InvokeReply<C>>;
  invoke(channel: unknown, input: unknown, context?: InvokeContext): Promise<InvokeReply<InvokeChannel>>;
  async invoke(channel: unknown, input: unknown, context: InvokeContext = {}): Promise<InvokeReply<InvokeChannel>> {
    if (!isInvokeChannel(channel)) return { ok: false, error: unknownChannelError(channel) };
    const validated = validateInput(channel, input);
    if (!validated.ok) return { ok: false, error: validated.error };
    if (this.disposed) return { ok: false, error: { code: 'INTERNAL', message: 'Berth is shutting down.' } };
    const inputSecrets = secretStringsIn(validated.value);
    const invokeId = (this.nextInvoke += 1);
    if (inputSecrets.length > 0) this.inFlightSecrets.set(invokeId, inputSecrets);
    let release: (() => void) | undefined;
    try {
      await this.start();
      // A standby host named by an invoke is promoted to live first, in this one place.
      release = await this.fleet.promoteFor(channel, validated.value, this.settings.get().connection.requestTimeoutMs);
      const handler = this.handlers[channel] as (input: unknown, context: InvokeContext) => Promise<InvokeResults[InvokeChannel]>;
      return { ok: true, value: await handler(validated.value, context) };
    } catch (error) {
      return { ok: false, error: this.scrub(toEnvelope(error), inputSecrets) };
    } finally {
      release?.();
      this.inFlightSecrets.delete(invokeId);
    }
  }

  /**
   * Every secret value the service holds or is handling right now, for scrubbing text that leaves
   * the process some other way (a crash report). Never sent anywhere.
   */
  secretsForScrubbing(): string[] {
    return [...this.hosts.secretValues(), ...[...this.inFlightSecrets.values()].flat()];
  }

  /** Attaches a renderer. Its queue starts with the current status (and snapshot) of every host. */
  attachClient(sink: PushSink): BerthClient {
    const queue = new PushQueue(sink, (hostId) => this.shownSnapshot(hostId));
    if (this.disposed) queue.close();
    else this.clients.add(queue);
    this.seed(queue);
    const streamClient: StreamClient = { key: `client-${(this.nextClient += 1)}`, push: (message) => queue.push(message) };
    return {
      ready: () => queue.markReady(),
      reset: () => {
        // A reloaded page has no listeners for the old streams, and names its hosts in view again.
        this.containers.closeClientStreams(streamClient.key);
        this.fleet.policy.dropClient(streamClient.key);
        queue.reset();
        this.seed(queue);
      },
      detach: () => {
        this.containers.closeClientStreams(streamClient.key);
        this.fleet.policy.dropClient(streamClient.key);
        queue.close();
        this.clients.delete(queue);
      },
      invoke: (channel: unknown, input: unknown) => this.invoke(channel, input, { client: streamClient }),
    };
  }

  /** Writes the timeline's waiting events now (tests compare the store with the daemon). */
  flushTimeline(): void {
    this.fleetEvents.flushTimeline();
  }

  /** Open logs / exec / stats streams (diagnostics and leak checks). */
  openContainerStreams(kind?: 'logs' | 'exec' | 'stats'): number {
    return this.containers.openStreams(kind);
  }

  /** The sockets a host's current connection holds (leak checks); null when not connected. */
  connectionSockets(hostId: string): ReturnType<DockerConnection['openSockets']> | null {
    return this.manager.connection(hostId)?.openSockets() ?? null;
  }

  /** The SSH channels an SSH host's current connection holds open (leak checks); null for other transports or when not connected. */
  sshOpenChannels(hostId: string): SshStats['openChannels'] | null {
    const connection = this.manager.connection(hostId);
    return connection && isSshTunnel(connection) ? connection.sshStats().openChannels : null;
  }

  /** Closes every connection and detaches every client. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.starting?.catch(() => undefined);
    this.unsubscribe();
    this.tls.dispose();
    this.resourceChanges.dispose();
    this.images.dispose();
    await this.containers.dispose();
    this.fleetEvents.dispose();
    this.fleet.dispose();
    for (const client of this.clients) client.close();
    this.clients.clear();
    await this.manager.dispose();
    await this.options.snapshots?.dispose();
  }

  private createHandlers(): Handlers {
    const options = this.options;
    return {
      ...this.tls.handlers(),
      ...this.containers.handlers(),
      ...this.cleanup.handlers(),
      ...this.resources.handlers(),
      ...this.setup.handlers(),
      ...this.fleetEvents.handlers(),
      'search:images': ({ known }) => this.images.changedSince(known),
      'fleet:focus': async ({ hostIds }, { client }) => {
        this.fleet.policy.focus(client?.key ?? 'service', hostIds);
        return null;
      },
      'hosts:list': async () => this.hosts.views().map((view) => this.outgoingView(view)),
      'hosts:save': async ({ draft }) => this.outgoingView(await this.hosts.save(draft, () => this.pushHostsChanged())),
      'hosts:remove': async ({ hostId }) => {
        await this.hosts.remove(hostId);
        await this.options.snapshots?.remove(hostId);
        this.pushHostsChanged();
        return null;
      },
      'hosts:test': async ({ draft, acceptHostKey }) => {
        const profile = await this.hosts.profileForTest(draft);
        const timeoutMs = options.testHooks?.testTimeoutMs ?? this.settings.get().connection.requestTimeoutMs;
        const probe = { timeoutMs, knownHosts: options.knownHosts };
        return testConnection(profile.transport, probe, acceptHostKey);
      },
      'hosts:retry': async ({ hostId }) => {
        await this.hosts.retry(hostId);
        return null;
      },
      'hosts:provide-secret': async ({ hostId, role, value }) => {
        await this.hosts.provideSecret(hostId, role, value);
        this.pushHostsChanged();
        return null;
      },
      'hosts:snapshot': async ({ hostId }) => {
        this.hosts.requireKnown(hostId);
        return this.shownSnapshot(hostId);
      },
      'hosts:refresh': async ({ hostId }) => {
        this.hosts.requireConnectable(hostId);
        return this.manager.refresh(hostId);
      },
      'hosts:accept-host-key': async ({ hostId, persist }) => {
        this.hosts.requireConnectable(hostId);
        await this.manager.acceptHostKey(hostId, persist);
        return null;
      },
      'hosts:reject-host-key': async ({ hostId }) => {
        this.hosts.requireConnectable(hostId);
        this.manager.rejectHostKey(hostId);
        return null;
      },
      'hosts:forget-host-key': ({ hostId }) =>
        forgetChangedHostKey(hostId, { hosts: this.hosts, knownHosts: options.knownHosts, retry: (id) => this.hosts.retry(id) }),
      'endpoint:parse': async ({ url }) => ({ transport: transportFromEndpoint(url) }),
      'sshconfig:list': async () => {
        const home = options.homeDir ?? os.homedir();
        return listSshConfigHosts(defaultSshConfigFile(home), sshConfigEnvironment(options.env ?? process.env, home));
      },
      'local:detect': async () =>
        detectLocalDaemon({
          env: options.env ?? process.env,
          homeDir: options.homeDir ?? os.homedir(),
          knownHosts: options.knownHosts,
          timeoutMs: options.testHooks?.detectTimeoutMs ?? 2_000,
        }),
      'app:info': async () => this.appInfo(),
      'settings:get': async () => this.settings.get(),
      'settings:save': async ({ settings }) => {
        const saved = this.settings.save(settings);
        this.manager.applyConnectionSettings(connectionTuningOf(saved.connection));
        this.fleet.apply(saved.fleet);
        return saved;
      },
      'secrets:unlock': async ({ passphrase }) => {
        // SECRETS_PASSPHRASE_WRONG for a wrong one; SECRETS_LOCKED when none is set yet.
        await this.passphraseControl().unlock(passphrase);
        this.dropWarnings('SECRETS_LOCKED');
        await this.hosts.unlocked();
        this.pushHostsChanged();
        return this.appInfo();
      },
      'secrets:set-master-passphrase': async ({ passphrase, currentPassphrase }) => {
        const control = this.passphraseControl();
        await control.setPassphrase(passphrase, currentPassphrase);
        this.dropWarnings('SECRETS_LOCKED', 'SECRETS_NOT_ENCRYPTED', 'SECRETS_IN_MEMORY');
        await this.hosts.unlocked();
        this.pushHostsChanged();
        return this.appInfo();
      },
    };
  }

  private appInfo(): AppInfo {
    const control = masterPassphraseOf(this.options.secrets);
    return {
      version: this.options.app.version,
      platform: this.options.app.platform ?? process.platform,
      secretStorage: this.options.secrets.kind,
      shell: this.options.app.shell,
      ...(control ? { masterPassphrase: control.passphraseState } : {}),
      warnings: [...this.warnings, ...(this.options.snapshots?.warnings ?? [])].map((warning) => ({
        ...warning,
        message: this.scrubText(warning.message),
      })),
    };
  }

  private passphraseControl() {
    const control = masterPassphraseOf(this.options.secrets);
    if (control) return control;
    throw new BerthError(
      'INVALID_ARGUMENT',
      this.options.secrets.kind === 'keyring'
        ? 'Secrets are already encrypted by the OS keyring; Berth offers a master passphrase only where there is no keyring.'
        : 'This Berth keeps secrets in memory only. Start the browser shell with --persist-secrets and --secrets-passphrase-env VAR to keep them encrypted with a passphrase.',
    );
  }

  private dropWarnings(...codes: AppWarning['code'][]): void {
    this.warnings = this.warnings.filter((warning) => !codes.includes(warning.code));
  }

  private onConnectionEvent(event: ConnectionEvent): void {
    this.fleetEvents.onConnectionEvent(event);
    if (event.type === 'status') {
      this.broadcast({ channel: 'host:status', payload: { hostId: event.hostId, status: this.scrubStatus(event.status) } });
    } else if (event.type === 'snapshot' || event.type === 'restored') {
      this.hosts.sawSnapshot(event.hostId, event.snapshot.updatedAt);
      if (event.type === 'snapshot') this.options.snapshots?.save(event.snapshot);
      // Renderers get what changed; a full read (connect, refresh, reconnect, restore) goes out whole.
      const patch = event.type === 'snapshot' ? event.patch : undefined;
      this.broadcast(patch ?? { channel: 'host:snapshot', payload: { hostId: event.hostId, snapshot: event.snapshot } });
    } else if (event.type === 'docker-event') {
      const kinds = resourceKindsOf(event.event);
      if (kinds.length > 0) this.resourceChanges.changed(event.hostId, kinds);
    } else if (event.type === 'removed') {
      this.resourceChanges.forget(event.hostId);
      // A smaller fleet may fit the live-session limit again.
      this.fleet.policy.update();
    }
  }

  private seed(queue: PushQueue): void {
    for (const hostId of this.hosts.ids()) {
      queue.push({ channel: 'host:status', payload: { hostId, status: this.scrubStatus(this.hosts.status(hostId)) } });
      const snapshot = this.shownSnapshot(hostId);
      if (snapshot) queue.push({ channel: 'host:snapshot', payload: { hostId, snapshot } });
    }
  }

  /**
   * What a host shows: its session's snapshot (live, or restored until the first live read), or for
   * a host without a session (secrets locked or missing) the stored one (read once, then kept by the
   * store); none for a host that is gone.
   */
  private shownSnapshot(hostId: string): HostSnapshot | null {
    if (!this.hosts.has(hostId)) return null;
    if (!this.hosts.isUnavailable(hostId)) return this.manager.snapshot(hostId);
    return this.options.snapshots?.shown(hostId) ?? null;
  }

  /** A host as it leaves the service: status scrubbed of secrets, certificate health added. */
  private outgoingView(view: HostView): HostView {
    const certificates = this.tls.certificatesOf(view.profile.id);
    return { ...view, status: this.scrubStatus(view.status), ...(certificates ? { certificates } : {}) };
  }

  private pushHostsChanged(): void {
    const hosts = this.hosts.views().map((view) => this.outgoingView(view));
    this.broadcast({ channel: 'hosts:changed', payload: { hosts } });
  }

  private broadcast(message: AnyPushMessage): void {
    for (const client of this.clients) client.push(message);
  }

  private scrubStatus(status: HostStatus): HostStatus {
    if (status.state === 'failed') return { ...status, error: this.scrub(status.error) };
    if (status.state === 'reconnecting') return { ...status, lastError: this.scrub(status.lastError) };
    return status;
  }

  private scrub(envelope: ErrorEnvelope, extra: readonly string[] = []): ErrorEnvelope {
    return { code: envelope.code, message: this.scrubText(envelope.message, extra) };
  }

  private scrubText(text: string, extra: readonly string[] = []): string {
    return scrubUrlCredentials(scrubSecrets(text, [...this.hosts.secretValues(), ...extra]));
  }
}

/** Settings → what the connection manager tunes. */
function connectionTuningOf(settings: ConnectionSettings): ConnectionTuning {
  return {
    timeoutMs: settings.requestTimeoutMs,
    heartbeatMs: settings.heartbeatMs,
    backoff: { initialMs: settings.backoffInitialMs, maxMs: settings.backoffMaxMs },
  };
}
