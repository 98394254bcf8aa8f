import type {
  AppInfo,
  BerthBridge,
  InvokeChannel,
  InvokeInput,
  InvokeReply,
  InvokeResults,
  LocalDaemon,
  ParsedEndpoint,
  PushChannel,
  PushEvents,
  TestConnectionResult,
  TestNeedsHostKey,
} from '../../shared/contract';
import { type ErrorCode, type ErrorEnvelope, isErrorCode } from '../../shared/errors';
import type { HostView, ProfileDraft, SecretRole } from '../../shared/host-view';
import type { SshConfigListing } from '../../shared/ssh-config-contract';
import type { HostSnapshot } from '../../shared/snapshot';
import type { TlsInvokeChannel } from '../../shared/tls-contract';
import { getBridge } from './bridge';

/**
 * The renderer's only door to the main process. Every invoke answer is an envelope; here it
 * becomes either the result or a thrown ApiError carrying the same code and message.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toEnvelope(): ErrorEnvelope {
    return { code: this.code, message: this.message };
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Any failure as an ApiError: bridge transport errors and bugs become INTERNAL. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError('INTERNAL', error.message || 'Unknown error');
  return new ApiError('INTERNAL', typeof error === 'string' ? error : 'Unknown error');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns an envelope into its value or a thrown ApiError. Malformed replies are INTERNAL errors. */
export function unwrapReply<C extends InvokeChannel>(channel: C, reply: InvokeReply<C> | unknown): InvokeResults[C] {
  if (!isRecord(reply) || typeof reply.ok !== 'boolean') {
    throw new ApiError('INTERNAL', `The main process sent a malformed reply on "${channel}".`);
  }
  if (reply.ok) return reply.value as InvokeResults[C];
  const error = reply.error;
  if (isRecord(error) && isErrorCode(error.code)) {
    return throwError(new ApiError(error.code, typeof error.message === 'string' ? error.message : error.code));
  }
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : `"${channel}" failed.`;
  return throwError(new ApiError('INTERNAL', message));
}

function throwError(error: ApiError): never {
  throw error;
}

export interface BerthApi {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeResults[C]>;
  on<P extends PushChannel>(channel: P, listener: (payload: PushEvents[P]) => void): () => void;
  ready(): void;
  listHosts(): Promise<HostView[]>;
  saveHost(draft: ProfileDraft): Promise<HostView>;
  removeHost(hostId: string): Promise<void>;
  /** The daemon's version, or (an SSH host with an unknown key) the prompt: test again with the operator's answer. */
  testConnection(
    draft: ProfileDraft,
    acceptHostKey?: { fingerprint: string; persist: boolean },
  ): Promise<TestConnectionResult | TestNeedsHostKey>;
  retry(hostId: string): Promise<void>;
  snapshot(hostId: string): Promise<HostSnapshot | null>;
  refresh(hostId: string): Promise<HostSnapshot>;
  acceptHostKey(hostId: string, persist: boolean): Promise<void>;
  rejectHostKey(hostId: string): Promise<void>;
  /** Gives back a secret the store lost (the host failed with SECRET_MISSING). */
  provideSecret(hostId: string, role: SecretRole, value: string): Promise<void>;
  parseEndpoint(url: string): Promise<ParsedEndpoint>;
  detectLocal(): Promise<LocalDaemon | null>;
  appInfo(): Promise<AppInfo>;
  unlockSecrets(passphrase: string): Promise<AppInfo>;
  setMasterPassphrase(passphrase: string, currentPassphrase?: string): Promise<AppInfo>;
  /** After a changed SSH host key the operator confirmed: forget the old key and connect again. */
  forgetHostKey(hostId: string): Promise<void>;
  /** The hosts of ~/.ssh/config, read and resolved in main (no secrets in them). */
  listSshConfig(): Promise<SshConfigListing>;
  /** Names the hosts this window has in view (selected, pinned, recently used): main keeps them live. */
  focusHosts(hostIds: readonly string[]): Promise<void>;
  /** The TLS wizard and certificate health (shared/tls-contract.ts): tls:generate, tls:install, … */
  tls<C extends TlsInvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeResults[C]>;
}

export function createApi(bridge: BerthBridge): BerthApi {
  const invoke = async <C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeResults[C]> => {
    let reply: InvokeReply<C>;
    try {
      reply = await bridge.invoke(channel, input);
    } catch (error) {
      throw toApiError(error);
    }
    return unwrapReply(channel, reply);
  };
  return {
    invoke,
    on: (channel, listener) => bridge.on(channel, listener),
    ready: () => bridge.ready(),
    listHosts: () => invoke('hosts:list', {}),
    saveHost: (draft) => invoke('hosts:save', { draft }),
    removeHost: async (hostId) => void (await invoke('hosts:remove', { hostId })),
    testConnection: (draft, acceptHostKey) => invoke('hosts:test', { draft, ...(acceptHostKey ? { acceptHostKey } : {}) }),
    retry: async (hostId) => void (await invoke('hosts:retry', { hostId })),
    snapshot: (hostId) => invoke('hosts:snapshot', { hostId }),
    refresh: (hostId) => invoke('hosts:refresh', { hostId }),
    acceptHostKey: async (hostId, persist) => void (await invoke('hosts:accept-host-key', { hostId, persist })),
    rejectHostKey: async (hostId) => void (await invoke('hosts:reject-host-key', { hostId })),
    provideSecret: async (hostId, role, value) => void (await invoke('hosts:provide-secret', { hostId, role, value })),
    parseEndpoint: (url) => invoke('endpoint:parse', { url }),
    detectLocal: () => invoke('local:detect', {}),
    appInfo: () => invoke('app:info', {}),
    unlockSecrets: (passphrase) => invoke('secrets:unlock', { passphrase }),
    setMasterPassphrase: (passphrase, currentPassphrase) =>
      invoke('secrets:set-master-passphrase', { passphrase, ...(currentPassphrase !== undefined ? { currentPassphrase } : {}) }),
    forgetHostKey: async (hostId) => void (await invoke('hosts:forget-host-key', { hostId })),
    listSshConfig: () => invoke('sshconfig:list', {}),
    focusHosts: async (hostIds) => void (await invoke('fleet:focus', { hostIds: [...hostIds] })),
    tls: (channel, input) => invoke(channel, input),
  };
}

/** `?demo=1` (or `?demo=<scenario>`) selects the in-memory demo bridge; anything else the real one. */
export function demoScenarioOf(search: string): string | null {
  const value = new URLSearchParams(search).get('demo');
  if (value === null || value === '' || value === '0' || value === 'false') return null;
  return value;
}

/** The API over the real bridge, or over the demo bridge when the page was opened with `?demo=1`. */
export async function openApi(search: string): Promise<BerthApi> {
  const scenario = demoScenarioOf(search);
  if (scenario !== null) {
    const { createDemoBridge } = await import('./demo-bridge');
    return createApi(
      createDemoBridge({
        scenario: scenario === 'first-start' || scenario === 'locked' || scenario === 'lost-secret' ? scenario : 'fleet',
        live: true,
      }),
    );
  }
  return createApi(getBridge());
}
