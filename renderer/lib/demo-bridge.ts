import { demoSshConfig } from './demo/demo-ssh-config';
import type {
  AppInfo,
  BerthBridge,
  InvokeChannel,
  InvokeInput,
  InvokeReply,
  InvokeResults,
  PushChannel,
  PushEvents,
  TestConnectionResult,
  TestNeedsHostKey,
} from '../../shared/contract';
import type { ErrorEnvelope } from '../../shared/errors';
import { DemoFleetEvents } from './demo/demo-fleet-events';
import {
  type HostView,
  type ProfileDraft,
  type RedactedProfile,
  type SecretRole,
  profileDraftSchema,
  redactProfile,
} from '../../shared/host-view';
import type { HostSnapshot, HostStatus } from '../../shared/snapshot';
import { type Settings, defaultSettings, settingsSchema } from '../../shared/settings';
import type { TlsInvokeChannel } from '../../shared/tls-contract';
import { type ContainersInvokeChannel, containersInvokeSchemas } from '../../shared/containers-contract';
import { DemoContainerChannels } from './demo/demo-container-channels';
import { DemoResourceChannels } from './demo/demo-resource-channels';
import { type ResourcesInvokeChannel, resourcesInvokeSchemas } from '../../shared/resources-contract';
import { statusSinceOf } from '../../shared/container-status';
import { demoPolicyStatuses } from './demo/demo-fleet-policy';
import { countContainers } from '../../shared/docker/containers';
import { applyContainersPatch, containersPatchOf } from '../../shared/snapshot-patch';
import { readEndpoint } from '../../shared/endpoint';
import { seededRandom } from '../../shared/seeded-random';
import { makeContainers, statusText } from './demo/demo-containers';
import { DemoFailure, fail } from './demo/demo-failure';
import { DEMO_LOCAL_SOCKET, type DemoHost, HOST_KEY_UNKNOWN, demoHosts } from './demo/demo-hosts';
import { DemoTls } from './demo/demo-tls';
import { demoCleanupPreview, demoFreeSpace, demoPrune } from './demo/demo-cleanup';
import type { CleanupKind } from '../../shared/cleanup';
import { demoHostSetupAnswers } from './demo/demo-host-setup';
import { demoImagesAnswer } from './demo/demo-images';
import { labDiskUsage, labSummary, overlay2LabStorage } from './demo/fixture-readings';

/**
 * BerthBridge in memory, for development, screenshots and component tests: opened with
 * `?demo=1` (the real bridge stays the default). It answers every invoke channel and, when
 * `live`, pushes status and snapshot changes the way the main process does.
 */
export interface DemoBridgeOptions {
  /**
   * 'fleet': a handful of hosts in every state; 'first-start': no hosts, a local daemon answers;
   * 'locked': the fleet, with saved secrets behind a master passphrase not yet entered.
   */
  scenario?: 'fleet' | 'first-start' | 'locked' | 'lost-secret';
  /** Timers that simulate latency and live pushes. Off in tests. */
  live?: boolean;
  now?: () => number;
}

type Listener = (payload: never) => void;

const SECRETS_LOCKED_ERROR: ErrorEnvelope = {
  code: 'SECRETS_LOCKED',
  message: 'Saved secrets are locked: enter the master passphrase to connect to hosts that need a password, passphrase or pasted key.',
};

const isResourcesChannel = (channel: InvokeChannel): channel is ResourcesInvokeChannel => Object.hasOwn(resourcesInvokeSchemas, channel);
type FleetEventsChannel = 'timeline:query' | 'alerts:list' | 'alerts:acknowledge' | 'alerts:settings' | 'alerts:save-settings';
type PlainChannel = Exclude<InvokeChannel, TlsInvokeChannel | ContainersInvokeChannel | ResourcesInvokeChannel | FleetEventsChannel>;
const isFleetEventsChannel = (channel: InvokeChannel): channel is FleetEventsChannel => /^(timeline|alerts):/.test(channel);
const isContainersChannel = (channel: InvokeChannel): channel is ContainersInvokeChannel => Object.hasOwn(containersInvokeSchemas, channel);
const isTlsChannel = (channel: InvokeChannel): channel is TlsInvokeChannel => channel.startsWith('tls:');

export class DemoBridge implements BerthBridge {
  private readonly hosts = new Map<string, DemoHost>();
  private readonly listeners = new Map<PushChannel, Set<Listener>>();
  private readonly queue: Array<() => void> = [];
  private isReady = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly intervals: Array<ReturnType<typeof setInterval>> = [];
  private readonly now: () => number;
  private readonly live: boolean;
  private readonly random = seededRandom(99);
  private masterPassphrase: { state: 'not-set' | 'locked' | 'unlocked'; passphrase?: string };
  private readonly tls: DemoTls;
  private readonly containers: DemoContainerChannels;
  private readonly resources: DemoResourceChannels;
  private readonly fleetEvents: DemoFleetEvents;
  /** SSH addresses whose key a test accepted always. */
  private readonly trustedTestKeys = new Set<string>();
  /** The settings store of the demo: memory, validated like main's. */
  private settings: Settings = structuredClone(defaultSettings);
  /** What the renderer named with fleet:focus last. */
  private inView = new Set<string>();

  constructor(options: DemoBridgeOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.live = options.live ?? false;
    const scenario = options.scenario ?? 'fleet';
    if (scenario !== 'first-start') {
      for (const host of demoHosts(this.now())) this.hosts.set(host.profile.id, host);
    }
    this.masterPassphrase = scenario === 'locked' ? { state: 'locked', passphrase: 'correct horse' } : { state: 'not-set' };
    if (scenario === 'locked') {
      const prod = this.hosts.get('prod-api-01');
      if (prod) prod.status = { state: 'failed', error: SECRETS_LOCKED_ERROR };
    }
    if (scenario === 'lost-secret') loseSecret(this.hosts.get('ci-runners'));
    this.tls = new DemoTls({
      hosts: this.hosts,
      push: (channel, payload) => this.push(channel, payload),
      sleep: (ms) => this.delay(ms),
      now: () => this.now(),
      view: (host) => this.view(host),
      pushHosts: () => this.pushHosts(),
      setStatus: (hostId, status) => this.setStatus(hostId, status),
      connect: (host) => this.connect(host, 'tls'),
    });
    this.containers = new DemoContainerChannels({
      hosts: this.hosts,
      push: (channel, payload) => this.push(channel, payload),
      setSnapshot: (hostId, snapshot) => this.setSnapshot(hostId, snapshot),
      now: () => this.now(),
      live: this.live,
    });
    this.resources = new DemoResourceChannels(this.hosts, () => this.now());
    this.fleetEvents = new DemoFleetEvents(
      this.hosts,
      () => this.now(),
      (payload) => this.push('alerts:acknowledged', payload),
    );
    if (this.live) this.startLiveUpdates();
  }

  async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeReply<C>> {
    await this.delay(channel === 'hosts:test' ? 700 : 40);
    try {
      const value = await this.answer(channel, input);
      return { ok: true, value } as InvokeReply<C>;
    } catch (error) {
      if (error instanceof DemoFailure) return { ok: false, error: error.envelope };
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  on<P extends PushChannel>(channel: P, listener: (payload: PushEvents[P]) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(channel, set);
    return () => set.delete(listener as Listener);
  }

  ready(): void {
    this.isReady = true;
    for (const flush of this.queue.splice(0)) flush();
  }

  /** Pushes like the main process does: queued until ready(). Public for tests. */
  push<P extends PushChannel>(channel: P, payload: PushEvents[P]): void {
    const deliver = () => {
      for (const listener of [...(this.listeners.get(channel) ?? [])]) (listener as (payload: PushEvents[P]) => void)(payload);
    };
    if (this.isReady) deliver();
    else this.queue.push(deliver);
  }

  setStatus(hostId: string, status: HostStatus): void {
    const host = this.hosts.get(hostId);
    if (!host) return;
    host.status = status;
    this.push('host:status', { hostId, status });
  }

  setSnapshot(hostId: string, snapshot: HostSnapshot): void {
    const host = this.hosts.get(hostId);
    if (!host) return;
    host.snapshot = snapshot;
    this.push('host:snapshot', { hostId, snapshot });
  }

  private applyFleetPolicy(): void {
    for (const { hostId, status } of this.policyStatuses()) {
      if (status.state === 'ready' && !status.standby) {
        // Bringing a host live takes a connection: a moment in the live demo, so its dashboard's banner shows meanwhile.
        this.later(() => this.promoteIfStillInView(hostId), 2_500);
      } else this.setStatus(hostId, status);
    }
  }

  private promoteIfStillInView(hostId: string): void {
    const change = this.policyStatuses().find((each) => each.hostId === hostId && each.status.state === 'ready' && !each.status.standby);
    if (change) this.setStatus(hostId, change.status);
  }

  private policyStatuses() {
    return demoPolicyStatuses(this.hosts.values(), this.inView, this.settings.fleet, this.now());
  }

  dispose(): void {
    this.containers.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    for (const interval of this.intervals) clearInterval(interval);
    this.timers.clear();
  }

  private answer<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): InvokeResults[C] | Promise<InvokeResults[C]> {
    if (isTlsChannel(channel)) return this.tls.answer(channel, input as InvokeInput<TlsInvokeChannel>) as Promise<InvokeResults[C]>;
    if (isFleetEventsChannel(channel))
      return this.fleetEvents.answer(channel, input as InvokeInput<FleetEventsChannel>) as InvokeResults[C];
    if (isContainersChannel(channel))
      return this.containers.answer(channel, input as InvokeInput<ContainersInvokeChannel>) as InvokeResults[C];
    if (isResourcesChannel(channel))
      return this.resources.answer(channel, input as InvokeInput<ResourcesInvokeChannel>) as InvokeResults[C];
    const results = this.results(input as Record<string, unknown>);
    const handler = results[channel as PlainChannel] as () => InvokeResults[C];
    return handler();
  }

  private results(input: Record<string, unknown>): { [C in PlainChannel]: () => InvokeResults[C] } {
    const hostId = typeof input.hostId === 'string' ? input.hostId : '';
    return {
      // An imitation of main's policy (demo-fleet-policy.ts): beyond the live limit, hosts out of view go on standby.
      'fleet:focus': () => {
        this.inView = new Set(Array.isArray(input.hostIds) ? input.hostIds.filter((id): id is string => typeof id === 'string') : []);
        this.applyFleetPolicy();
        return null;
      },
      'search:images': () =>
        demoImagesAnswer(
          [...this.hosts.values()].map((host) => ({ id: host.profile.id, containers: host.snapshot?.containers ?? [] })),
          input.known as Record<string, number>,
        ),
      'hosts:list': () => [...this.hosts.values()].map((host) => this.view(host)),
      'sshconfig:list': () => demoSshConfig(),
      'hosts:save': () => this.save(input.draft as ProfileDraft),
      'hosts:remove': () => {
        this.require(hostId);
        this.hosts.delete(hostId);
        this.pushHosts();
        return null;
      },
      'hosts:test': () =>
        this.test(input.draft as ProfileDraft, input.acceptHostKey as { fingerprint: string; persist: boolean } | undefined),
      'hosts:retry': () => {
        this.retry(this.require(hostId));
        return null;
      },
      'hosts:provide-secret': () => {
        const host = this.require(hostId);
        const role = input.role as SecretRole;
        if (!host.missingSecrets?.includes(role)) fail('INVALID_ARGUMENT', `Host "${host.profile.name}" is not waiting for that secret.`);
        const missing = host.missingSecrets.filter((each) => each !== role);
        if (missing.length > 0) host.missingSecrets = missing;
        else delete host.missingSecrets;
        this.pushHosts();
        if (missing.length === 0) this.connect(host, 'secret');
        return null;
      },
      'hosts:snapshot': () => this.require(hostId).snapshot,
      'cleanup:preview': () => {
        this.require(hostId);
        const kinds = (input.kinds as CleanupKind[] | undefined) ?? [
          'containers',
          'dangling-images',
          'unused-images',
          'volumes',
          'networks',
          'build-cache',
        ];
        return demoCleanupPreview(hostId, kinds, input.includeNamedVolumes === true, this.now());
      },
      'cleanup:prune': () => {
        this.require(hostId);
        return demoPrune();
      },
      'cleanup:free-space': () => {
        const host = this.require(hostId);
        return demoFreeSpace(host.profile.transport.type, host.snapshot?.summary.dockerRootDir ?? '/var/lib/docker', this.now());
      },
      'hosts:refresh': () => {
        const host = this.require(hostId);
        if (host.status.state !== 'ready' || !host.snapshot)
          fail(
            'HOST_NOT_CONNECTED',
            `Host "${host.profile.name}" is not connected (${host.status.state}), so there is nothing to refresh.`,
          );
        const snapshot = { ...host.snapshot, updatedAt: this.now() };
        this.setSnapshot(hostId, snapshot);
        return snapshot;
      },
      'hosts:accept-host-key': () => {
        const host = this.require(hostId);
        if (host.status.state !== 'needs-host-key-confirmation')
          fail('INVALID_ARGUMENT', `Host "${host.profile.name}" is not waiting for a host-key confirmation.`);
        this.connect(host, 'accepted');
        return null;
      },
      'hosts:reject-host-key': () => {
        const host = this.require(hostId);
        if (host.status.state === 'needs-host-key-confirmation') {
          this.setStatus(hostId, {
            state: 'failed',
            error: {
              code: 'SSH_HOST_KEY_UNKNOWN',
              message: `You rejected the host key of ${host.status.hostKey.host}. Verify its fingerprint with the server's administrator, then retry.`,
            },
            hostKey: host.status.hostKey,
          });
        }
        return null;
      },
      'hosts:forget-host-key': () => this.forgetHostKey(this.require(hostId)),
      'endpoint:parse': () => {
        const parsed = readEndpoint(typeof input.url === 'string' ? input.url : '');
        if ('code' in parsed) throw new DemoFailure(parsed);
        return parsed;
      },
      'local:detect': () => ({ endpoint: `unix://${DEMO_LOCAL_SOCKET}`, serverVersion: labSummary.serverVersion }),
      'app:info': () => this.appInfo(),
      ...demoHostSetupAnswers(input, (draft) => this.save(draft)),
      'settings:get': () => structuredClone(this.settings),
      'settings:save': () => {
        const parsed = settingsSchema.safeParse(input.settings);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          fail('INVALID_ARGUMENT', `settings:save: settings.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}.`);
        }
        this.settings = parsed.data;
        this.applyFleetPolicy();
        return structuredClone(this.settings);
      },
      'secrets:unlock': () => {
        if (this.masterPassphrase.state === 'not-set')
          fail('SECRETS_LOCKED', 'No master passphrase is set yet, so there is nothing to unlock. Set one first.');
        if (input.passphrase !== this.masterPassphrase.passphrase)
          fail('SECRETS_PASSPHRASE_WRONG', 'That is not the master passphrase. Try again.');
        this.masterPassphrase = { ...this.masterPassphrase, state: 'unlocked' };
        for (const host of this.hosts.values()) {
          if (host.status.state === 'failed' && host.status.error.code === 'SECRETS_LOCKED') this.connect(host, 'unlocked');
        }
        return this.appInfo();
      },
      'secrets:set-master-passphrase': () => {
        const passphrase = typeof input.passphrase === 'string' ? input.passphrase : '';
        if (passphrase.length < 8) fail('INVALID_ARGUMENT', 'A master passphrase needs at least 8 characters.');
        if (this.masterPassphrase.state !== 'not-set' && input.currentPassphrase !== this.masterPassphrase.passphrase) {
          fail('SECRETS_PASSPHRASE_WRONG', 'The current master passphrase is not right.');
        }
        this.masterPassphrase = { state: 'unlocked', passphrase };
        return this.appInfo();
      },
    };
  }

  private appInfo(): AppInfo {
    const locked = this.masterPassphrase.state === 'locked';
    return {
      version: '0.1.0-demo',
      platform: 'linux',
      secretStorage: this.masterPassphrase.state === 'not-set' ? 'memory' : 'passphrase',
      masterPassphrase: this.masterPassphrase.state,
      shell: 'browser',
      warnings: locked ? [{ code: 'SECRETS_LOCKED', message: SECRETS_LOCKED_ERROR.message }] : [],
    };
  }

  private require(hostId: string): DemoHost {
    const host = this.hosts.get(hostId);
    if (!host) fail('INVALID_ARGUMENT', `No host with id "${hostId}".`);
    return host;
  }

  private view(host: DemoHost): HostView {
    return {
      profile: host.profile,
      status: host.status,
      lastSeenAt: host.snapshot?.updatedAt ?? null,
      ...(host.certificates ? { certificates: host.certificates } : {}),
      ...(host.missingSecrets ? { missingSecrets: [...host.missingSecrets] } : {}),
    };
  }

  private pushHosts(): void {
    this.push('hosts:changed', { hosts: [...this.hosts.values()].map((host) => this.view(host)) });
  }

  private parseDraft(draft: ProfileDraft) {
    const parsed = profileDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('INVALID_PROFILE', issue ? `${issue.path.join('.') || 'profile'}: ${issue.message}` : 'The profile is invalid.');
    }
    return parsed.data;
  }

  private save(draft: ProfileDraft): HostView {
    const { keepStoredSecrets, ...profile } = this.parseDraft(draft);
    const existing = this.hosts.get(profile.id);
    const redacted: RedactedProfile = redactProfile(profile);
    const transport = redacted.transport;
    const oldTransport = existing?.profile.transport;
    if (keepStoredSecrets && transport.type === 'ssh' && oldTransport?.type === 'ssh') {
      // An empty password or passphrase keeps the stored one, as the main side does.
      const auth = transport.auth;
      if (auth.method === 'password' && !auth.hasPassword && oldTransport.auth.method === 'password')
        auth.hasPassword = oldTransport.auth.hasPassword;
      if (auth.method === 'key' && !auth.hasPassphrase && oldTransport.auth.method === 'key')
        auth.hasPassphrase = oldTransport.auth.hasPassphrase;
    }
    const host: DemoHost = { profile: redacted, status: { state: 'connecting' }, snapshot: existing?.snapshot ?? null };
    this.hosts.set(profile.id, host);
    this.pushHosts();
    this.connect(host, 'saved');
    return this.view(host);
  }

  private test(draft: ProfileDraft, acceptHostKey?: { fingerprint: string; persist: boolean }): TestConnectionResult | TestNeedsHostKey {
    const { transport } = this.parseDraft(draft);
    if (transport.type === 'ssh' && !this.trustedTestKeys.has(`${transport.host}:${transport.port}`)) {
      // Every SSH address the demo has not seen answers with its host key first, as the main side does.
      const hostKey = { ...HOST_KEY_UNKNOWN, host: transport.host, port: transport.port };
      if (acceptHostKey?.fingerprint !== hostKey.fingerprint) return { hostKey };
      if (acceptHostKey.persist) this.trustedTestKeys.add(`${transport.host}:${transport.port}`);
    }
    if ('host' in transport && /unreachable|^10\.99\./.test(transport.host)) {
      fail(
        'CONNECTION_REFUSED',
        `${transport.host}:${transport.port} refused the connection. Is dockerd running and listening on that address?`,
      );
    }
    if (transport.type === 'ssh' && transport.auth.method === 'password' && transport.auth.password === 'wrong') {
      fail('SSH_AUTH_FAILED', `${transport.user}@${transport.host} rejected the password. Check the user and password, or use a key.`);
    }
    if (transport.type === 'unix')
      return { serverVersion: labSummary.serverVersion, apiVersion: labSummary.apiVersion, os: labSummary.os, driver: 'overlay2' };
    return { serverVersion: '24.0.7', apiVersion: '1.43', os: 'Ubuntu 22.04.4 LTS', driver: 'overlay2' };
  }

  /** After a confirmed key change: the old key is forgotten, and the new one waits for review like a first contact. */
  private forgetHostKey(host: DemoHost): { removed: number } {
    const status = host.status;
    if (status.state !== 'failed' || !status.hostKey?.changed) {
      fail('INVALID_ARGUMENT', `Host "${host.profile.name}" did not present a changed host key, so there is nothing to forget.`);
    }
    const { knownFingerprint: _fingerprint, knownKeyType: _type, ...presented } = status.hostKey;
    this.setStatus(host.profile.id, { state: 'connecting' });
    this.setStatus(host.profile.id, { state: 'needs-host-key-confirmation', hostKey: { ...presented, changed: false } });
    return { removed: 1 };
  }

  private retry(host: DemoHost): void {
    const id = host.profile.id;
    if (host.status.state === 'failed' && host.status.error.code === 'SSH_HOST_KEY_CHANGED') {
      this.setStatus(id, host.status);
      return;
    }
    this.connect(host, 'retry');
  }

  /** connecting → ready with a fresh snapshot (or back to reconnecting for an unreachable host). */
  private connect(host: DemoHost, _why: string): void {
    const id = host.profile.id;
    this.setStatus(id, { state: 'connecting' });
    this.later(() => {
      if (id === 'staging-db') {
        this.setStatus(id, {
          state: 'reconnecting',
          attempt: 1,
          nextAttemptAt: this.now() + 1_000,
          lastError: {
            code: 'CONNECTION_REFUSED',
            message: '10.40.0.9:2376 refused the connection. Is dockerd running and listening on that address?',
          },
        });
        return;
      }
      const now = this.now();
      const containers = host.snapshot?.containers ?? makeContainers(18, id.length * 7, now);
      const snapshot: HostSnapshot = host.snapshot
        ? { ...host.snapshot, updatedAt: now }
        : {
            hostId: id,
            summary: { ...labSummary, name: host.profile.name, dockerRootDir: '/var/lib/docker', daemonWarnings: [] },
            storage: overlay2LabStorage,
            diskUsage: labDiskUsage,
            containers,
            counts: countContainers(containers),
            updatedAt: now,
          };
      this.setSnapshot(id, snapshot);
      this.setStatus(id, { state: 'ready', since: now });
    }, 700);
  }

  private delay(ms: number): Promise<void> {
    if (!this.live) return Promise.resolve();
    return new Promise((resolve) => this.later(resolve, ms));
  }

  private later(run: () => void, ms: number): void {
    if (!this.live) {
      queueMicrotask(run);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Containers change now and then; the unreachable host keeps retrying. */
  private startLiveUpdates(): void {
    this.intervals.push(
      setInterval(() => this.touchContainer('prod-api-01'), 2_500),
      setInterval(() => this.touchContainer('ci-runners'), 1_000),
      setInterval(() => {
        const host = this.hosts.get('staging-db');
        if (!host || host.status.state !== 'reconnecting' || host.status.nextAttemptAt > this.now()) return;
        const attempt = host.status.attempt + 1;
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        this.setStatus('staging-db', { ...host.status, attempt, nextAttemptAt: this.now() + delay });
      }, 1_000),
    );
  }

  private touchContainer(hostId: string): void {
    const host = this.hosts.get(hostId);
    if (!host?.snapshot || host.status.state !== 'ready') return;
    const containers = host.snapshot.containers.slice();
    const index = Math.floor(this.random() * containers.length);
    const container = containers[index];
    if (!container) return;
    const state = container.state === 'running' ? 'restarting' : 'running';
    const status = statusText(state, 0.01, this.random);
    const statusSince = statusSinceOf(status, Date.now());
    containers[index] = { ...container, state, status, ...(statusSince !== undefined ? { statusSince } : {}) };
    // As main sends a container event: a patch of the held snapshot, not the whole list.
    const payload = containersPatchOf(host.snapshot, {
      ...host.snapshot,
      containers,
      counts: countContainers(containers),
      updatedAt: this.now(),
    });
    host.snapshot = applyContainersPatch(host.snapshot, payload);
    this.push('host:containers-patch', payload);
  }
}

export function createDemoBridge(options: DemoBridgeOptions = {}): DemoBridge {
  return new DemoBridge(options);
}

/** The 'lost-secret' scenario: an SSH host with a saved password that a restart of the browser shell lost. */
function loseSecret(host: DemoHost | undefined): void {
  if (!host || host.profile.transport.type !== 'ssh') return;
  host.profile = { ...host.profile, transport: { ...host.profile.transport, auth: { method: 'password', hasPassword: true } } };
  host.missingSecrets = ['ssh-password'];
  host.status = {
    state: 'failed',
    error: {
      code: 'SECRET_MISSING',
      message: `Berth no longer has the saved SSH password of host "${host.profile.name}" (secrets are kept in memory only and were lost when Berth restarted), so it did not try to connect. Enter it again to connect.`,
    },
  };
}
