/**
 * The one typed contract between the renderer and the main process (Electron IPC or the
 * browser shell's WebSocket). Every invoke channel names its input schema, validated on the
 * main side before anything runs, and its result type.
 */
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.js';
import { type HostView, isSecretRole, profileDraftSchema } from './host-view.js';
import { type InvokeChannelName, type PushChannelName, pushChannelNames } from './ipc.js';
import type { HostKeyPrompt, HostSnapshot, HostStatus } from './snapshot.js';
import type { Transport } from './profile.js';
import { type Settings, settingsSchema } from './settings.js';
import { type ContainersInvokeResults, type ContainersPushEvents, containersInvokeSchemas } from './containers-contract.js';
import { type CleanupInvokeResults, cleanupInvokeSchemas } from './cleanup-contract.js';
import { type ResourcesInvokeResults, type ResourcesPushEvents, resourcesInvokeSchemas } from './resources-contract.js';
import { type SshConfigInvokeResults, sshConfigInvokeSchemas } from './ssh-config-contract.js';
import { type TlsInvokeResults, type TlsPushEvents, tlsInvokeSchemas } from './tls-contract.js';
import { type HostSetupInvokeResults, type HostSetupPushEvents, hostSetupInvokeSchemas } from './host-setup-contract.js';
import { type TimelineInvokeResults, type TimelinePushEvents, timelineInvokeSchemas } from './timeline-contract.js';
import { type AlertsInvokeResults, type AlertsPushEvents, alertsInvokeSchemas } from './alerts-contract.js';
import { type SearchInvokeResults, type SearchPushEvents, searchInvokeSchemas } from './search-contract.js';
import { type FleetInvokeResults, type FleetPushEvents, fleetInvokeSchemas } from './fleet-contract.js';

export { invokeChannelNames, ipcInvokeName, ipcPushName, ipcReadyName, pushChannelNames } from './ipc.js';

/** A host id as profiles store it: short, and safe in file names and URLs. */
const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const byId = z.object({ hostId }).strict();

export const invokeSchemas = {
  /** Every host with its redacted profile and live status. */
  'hosts:list': z.object({}).strict(),
  /** Adds or replaces a host (secrets in the draft go to the secret store), then connects. */
  'hosts:save': z.object({ draft: profileDraftSchema }).strict(),
  'hosts:remove': byId,
  /**
   * Connects once with a draft and reports the daemon version or the specific error. An SSH host
   * whose key Berth does not know answers `{hostKey}` (the prompt); the operator's answer comes
   * back as `acceptHostKey`: that exact fingerprint, trusted for this session or always.
   */
  'hosts:test': z
    .object({
      draft: profileDraftSchema,
      acceptHostKey: z
        .object({ fingerprint: z.string().min(1).max(128), persist: z.boolean() })
        .strict()
        .optional(),
    })
    .strict(),
  'hosts:retry': byId,
  'hosts:snapshot': byId,
  'hosts:refresh': byId,
  'hosts:accept-host-key': z.object({ hostId, persist: z.boolean() }).strict(),
  'hosts:reject-host-key': byId,
  /** Gives back a secret the store lost (a host failed with SECRET_MISSING); the host connects once none is missing. */
  'hosts:provide-secret': z
    .object({
      hostId,
      role: z.string().refine(isSecretRole, { message: 'not a secret role Berth knows' }),
      value: z
        .string()
        .min(1)
        .max(64 * 1024),
    })
    .strict(),
  /** After a changed SSH host key the operator confirmed as expected: forgets the key on record, then connects again to review the new one. */
  'hosts:forget-host-key': byId,
  /** Turns a docker endpoint URL into the form's fields. */
  'endpoint:parse': z.object({ url: z.string().max(2048) }).strict(),
  /** The local daemon (DOCKER_HOST or the default socket) if one answers: offered on first start. */
  'local:detect': z.object({}).strict(),
  /** Start-up facts: version, platform, whether secrets can be encrypted at rest. */
  'app:info': z.object({}).strict(),
  /** Unlocks the passphrase-protected secret store for this session (SECRETS_PASSPHRASE_WRONG if wrong). */
  'secrets:unlock': z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
  /**
   * Sets a first master passphrase (secrets move from the unprotected store into the vault), or
   * changes it (`currentPassphrase` then required). Offered when app:info has `masterPassphrase`.
   */
  'secrets:set-master-passphrase': z
    .object({ passphrase: z.string().min(8).max(1024), currentPassphrase: z.string().min(1).max(1024).optional() })
    .strict(),
  /** The operator's settings (shared/settings.ts): theme, connection deadlines, reconnect policy. */
  'settings:get': z.object({}).strict(),
  /** Saves every setting at once; new deadlines and backoff apply to each host from its next connect. */
  'settings:save': z.object({ settings: settingsSchema }).strict(),
  /** The TLS setup wizard and certificate health: see shared/tls-contract.ts. */
  ...tlsInvokeSchemas,
  /** Container detail, logs, exec, stats, actions and the audit log: see shared/containers-contract.ts. */
  ...containersInvokeSchemas,
  /** Prune previews, prunes and free space on the data root: see shared/cleanup-contract.ts. */
  ...cleanupInvokeSchemas,
  /** Images, volumes, networks and compose projects: see shared/resources-contract.ts. */
  ...resourcesInvokeSchemas,
  /** Path completion, the file dialog, certificate folders and docker contexts: see shared/host-setup-contract.ts. */
  ...hostSetupInvokeSchemas,
  /** Hosts of ~/.ssh/config, resolved in main: see shared/ssh-config-contract.ts. */
  ...sshConfigInvokeSchemas,
  /** The event timeline: see shared/timeline-contract.ts. */
  ...timelineInvokeSchemas,
  /** Alert rules, history and acknowledge: see shared/alerts-contract.ts. */
  ...alertsInvokeSchemas,
  /** The fleet search's images: see shared/search-contract.ts. */
  ...searchInvokeSchemas,
  /** The large-fleet connection policy: see shared/fleet-contract.ts. */
  ...fleetInvokeSchemas,
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]>;

export interface TestConnectionResult {
  serverVersion: string;
  apiVersion: string;
  os: string;
  driver: string;
}

/** hosts:test for an SSH host whose key is unknown: confirm it, then test again with acceptHostKey. */
export interface TestNeedsHostKey {
  hostKey: HostKeyPrompt;
}

export interface ParsedEndpoint {
  transport: Transport;
}

export interface LocalDaemon {
  endpoint: string;
  serverVersion: string;
  /** The transport that answered (with DOCKER_CERT_PATH's files when DOCKER_TLS_VERIFY is set), ready for the form. */
  transport?: ParsedEndpoint['transport'];
}

/** Something the operator should know at start-up (shown once, e.g. as a banner). */
export interface AppWarning {
  code:
    | 'PROFILES_RECOVERED'
    | 'SETTINGS_RECOVERED'
    | 'SNAPSHOT_RECOVERED'
    | 'SNAPSHOT_NOT_SAVED'
    | 'SECRETS_RECOVERED'
    | 'SECRETS_NOT_ENCRYPTED'
    | 'SECRETS_IN_MEMORY'
    | 'SECRET_UNREADABLE'
    | 'SECRETS_LOCKED'
    | 'DATA_DIR_PERMISSIONS';
  message: string;
}

/**
 * Where the operator's master passphrase stands, when the secret store offers one: 'not-set'
 * (secrets are unprotected or in memory; the UI offers to set one), 'locked' (chosen earlier, not
 * entered this session: hosts with saved secrets wait, the UI asks for it), 'unlocked'.
 */
export type MasterPassphraseStatus = 'not-set' | 'locked' | 'unlocked';

/**
 * How secrets are kept at rest (a SecretStore's kind): 'keyring' when encrypted by the OS
 * keyring; 'memory' in the browser shell (and in Electron with no encryption at all);
 * 'basic-text' when Electron found no keyring (obfuscated only); 'passphrase' when sealed with
 * the operator's master passphrase.
 */
export type SecretStorageKind = 'keyring' | 'memory' | 'basic-text' | 'passphrase';

export interface AppInfo {
  version: string;
  platform: string;
  secretStorage: SecretStorageKind;
  /** Present when a master passphrase can be set or entered (see MasterPassphraseStatus). */
  masterPassphrase?: MasterPassphraseStatus;
  shell: 'electron' | 'browser';
  /** Start-up problems Berth recovered from (a corrupt store moved aside, secrets not encrypted, …). */
  warnings?: AppWarning[];
}

export interface InvokeResults
  extends
    TlsInvokeResults,
    ContainersInvokeResults,
    CleanupInvokeResults,
    ResourcesInvokeResults,
    HostSetupInvokeResults,
    SshConfigInvokeResults,
    TimelineInvokeResults,
    AlertsInvokeResults,
    SearchInvokeResults,
    FleetInvokeResults {
  'hosts:list': HostView[];
  'hosts:save': HostView;
  'hosts:remove': null;
  'hosts:test': TestConnectionResult | TestNeedsHostKey;
  'hosts:retry': null;
  'hosts:snapshot': HostSnapshot | null;
  'hosts:refresh': HostSnapshot;
  'hosts:accept-host-key': null;
  'hosts:reject-host-key': null;
  'hosts:provide-secret': null;
  'hosts:forget-host-key': { removed: number };
  'endpoint:parse': ParsedEndpoint;
  'local:detect': LocalDaemon | null;
  'app:info': AppInfo;
  'secrets:unlock': AppInfo;
  'secrets:set-master-passphrase': AppInfo;
  'settings:get': Settings;
  'settings:save': Settings;
}

/** What the main side pushes; queued until the renderer says it is ready. */
export interface PushEvents
  extends
    TlsPushEvents,
    ContainersPushEvents,
    ResourcesPushEvents,
    HostSetupPushEvents,
    TimelinePushEvents,
    AlertsPushEvents,
    SearchPushEvents,
    FleetPushEvents {
  'host:status': { hostId: string; status: HostStatus };
  'host:snapshot': { hostId: string; snapshot: HostSnapshot };
  'hosts:changed': { hosts: HostView[] };
  /**
   * The browser shell could not send a push because it passed `wireMaxPushBytes` (e.g. a
   * snapshot of a daemon with enormous labels): what was dropped, for which host, and why.
   */
  'push:too-large': PushTooLarge;
}

export interface PushTooLarge {
  channel: PushChannel;
  /** The host the dropped push was about, when it was about one. */
  hostId?: string;
  bytes: number;
  error: ErrorEnvelope;
}
export type PushChannel = keyof PushEvents;

/** Every invoke answer is an envelope, so error codes and messages survive IPC intact. */
export type InvokeReply<C extends InvokeChannel> = { ok: true; value: InvokeResults[C] } | { ok: false; error: ErrorEnvelope };

export const invokeChannels = Object.keys(invokeSchemas) as InvokeChannel[];
export const pushChannels: PushChannel[] = [...pushChannelNames];

/** The object the preload (or the WebSocket client) exposes to the renderer as `window.berth`. */
export interface BerthBridge {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeReply<C>>;
  on<P extends PushChannel>(channel: P, listener: (payload: PushEvents[P]) => void): () => void;
  /** Tells the main side that listeners are attached: queued pushes flow from here on. */
  ready(): void;
}

/** Compile-time proof that shared/ipc.ts names exactly these channels (it must stay free of zod for the preload). */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: SameKeys<InvokeChannel, InvokeChannelName> & SameKeys<PushChannel, PushChannelName> = true;
void channelNamesMatch;

/**
 * The browser shell's WebSocket protocol (JSON text frames at `wsPath`), carrying the same
 * contract as Electron IPC. Messages over `wireMaxMessageBytes` are answered with an error.
 */
export const wsPath = '/ws';
/** Largest message a client may send. */
export const wireMaxMessageBytes = 1024 * 1024;
/**
 * Largest message the server sends. A larger push is replaced by `push:too-large`, a larger reply
 * by a MESSAGE_TOO_LARGE error; it stays well below the 32 MB a socket may hold unread.
 */
export const wireMaxPushBytes = 16 * 1024 * 1024;
/**
 * The WebSocket subprotocols a page offers: `wsProtocol` (the one the server answers with) and
 * `wsTokenProtocolPrefix` + the access token, which the server checks before accepting.
 */
export const wsProtocol = 'berth';
export const wsTokenProtocolPrefix = 'berth-token.';
export type WireRequestId = number | string;
export type WireClientMessage = { id: WireRequestId; type: 'invoke'; channel: InvokeChannel; input: unknown } | { type: 'ready' };
export type WireServerMessage =
  | { id: WireRequestId; type: 'reply'; reply: InvokeReply<InvokeChannel> }
  | { [P in PushChannel]: { type: 'push'; channel: P; payload: PushEvents[P] } }[PushChannel];
