import type { ParsedEndpoint } from '../../../shared/contract';
import type { RedactedPem, RedactedProfile, RedactedSshAuth } from '../../../shared/host-view';
import { PRODUCTION_TAG, type SshAuth } from '../../../shared/profile';

/**
 * The add/edit form's model, and how it is filled: from a redacted profile (secrets are only
 * "stored" markers) or from a parsed endpoint URL. form-draft.ts turns it into a ProfileDraft.
 */
export type TransportTab = 'local' | 'tcp' | 'tls' | 'ssh';

export interface PemInput {
  mode: 'path' | 'pem';
  path: string;
  pem: string;
  /** The existing host has a pasted PEM in the secret store (the client key). */
  stored: boolean;
}

export interface AuthInput {
  method: SshAuth['method'];
  keyPath: string;
  passphrase: string;
  passphraseStored: boolean;
  agentSocket: string;
  password: string;
  passwordStored: boolean;
}

export interface HostForm {
  id: string;
  isNew: boolean;
  name: string;
  /** '' for no colour. */
  color: string;
  /** Comma-separated. */
  tags: string;
  /** Read-only host: main refuses every action that changes something on it. */
  readOnly: boolean;
  tab: TransportTab;
  /** Local tab: a unix socket path or a Windows named pipe (//./pipe/…). */
  socketPath: string;
  /** Shared by the tcp, TLS and SSH tabs, so switching tabs keeps it. */
  host: string;
  tcpPort: string;
  tlsPort: string;
  sshPort: string;
  serverName: string;
  ca: PemInput;
  cert: PemInput;
  key: PemInput;
  sshUser: string;
  remoteSocket: string;
  auth: AuthInput;
  jumpEnabled: boolean;
  jumpHost: string;
  jumpPort: string;
  jumpUser: string;
  jumpAuth: AuthInput;
}

export type FieldErrors = Partial<Record<string, string>>;

export const DEFAULT_SOCKET = '/var/run/docker.sock';
export const PIPE_PREFIX = '//./pipe/';

const emptyPem = (): PemInput => ({ mode: 'path', path: '', pem: '', stored: false });
const emptyAuth = (): AuthInput => ({
  method: 'agent',
  keyPath: '',
  passphrase: '',
  passphraseStored: false,
  agentSocket: '',
  password: '',
  passwordStored: false,
});

export function newHostId(): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `h-${random.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 64);
}

export function emptyForm(id: string = newHostId()): HostForm {
  return {
    id,
    isNew: true,
    name: '',
    color: '',
    tags: '',
    readOnly: false,
    tab: 'ssh',
    socketPath: DEFAULT_SOCKET,
    host: '',
    tcpPort: '2375',
    tlsPort: '2376',
    sshPort: '22',
    serverName: '',
    ca: emptyPem(),
    cert: emptyPem(),
    key: emptyPem(),
    sshUser: '',
    remoteSocket: DEFAULT_SOCKET,
    auth: emptyAuth(),
    jumpEnabled: false,
    jumpHost: '',
    jumpPort: '22',
    jumpUser: '',
    jumpAuth: emptyAuth(),
  };
}

function pemInput(source: RedactedPem): PemInput {
  if (source.kind === 'path') return { mode: 'path', path: source.path, pem: '', stored: false };
  if (source.kind === 'pem') return { mode: 'pem', path: '', pem: source.pem, stored: false };
  return { mode: 'pem', path: '', pem: '', stored: true };
}

function authInput(auth: RedactedSshAuth): AuthInput {
  const base = emptyAuth();
  switch (auth.method) {
    case 'key':
      return { ...base, method: 'key', keyPath: auth.keyPath, passphraseStored: auth.hasPassphrase };
    case 'agent':
      return { ...base, method: 'agent', agentSocket: auth.agentSocket ?? '' };
    case 'password':
      return { ...base, method: 'password', passwordStored: auth.hasPassword };
  }
}

export function formFromProfile(profile: RedactedProfile): HostForm {
  const form: HostForm = {
    ...emptyForm(profile.id),
    isNew: false,
    name: profile.name,
    color: profile.color ?? '',
    tags: profile.tags.join(', '),
    readOnly: profile.readOnly === true,
  };
  const transport = profile.transport;
  switch (transport.type) {
    case 'unix':
      return { ...form, tab: 'local', socketPath: transport.socketPath };
    case 'npipe':
      return { ...form, tab: 'local', socketPath: transport.pipePath };
    case 'tcp':
      return { ...form, tab: 'tcp', host: transport.host, tcpPort: String(transport.port) };
    case 'tls':
      return {
        ...form,
        tab: 'tls',
        host: transport.host,
        tlsPort: String(transport.port),
        serverName: transport.serverName ?? '',
        ca: pemInput(transport.ca),
        cert: pemInput(transport.cert),
        key: pemInput(transport.key),
      };
    case 'ssh':
      return {
        ...form,
        tab: 'ssh',
        host: transport.host,
        sshPort: String(transport.port),
        sshUser: transport.user,
        remoteSocket: transport.remoteSocket,
        auth: authInput(transport.auth),
        ...(transport.jumpHost
          ? {
              jumpEnabled: true,
              jumpHost: transport.jumpHost.host,
              jumpPort: String(transport.jumpHost.port),
              jumpUser: transport.jumpHost.user,
              jumpAuth: authInput(transport.jumpHost.auth),
            }
          : {}),
      };
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): string | undefined => (typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined);

function parsedPem(value: unknown): PemInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const source = value as Record<string, unknown>;
  if (source.kind === 'path' && typeof source.path === 'string') return { mode: 'path', path: source.path, pem: '', stored: false };
  if (source.kind === 'pem' && typeof source.pem === 'string') return { mode: 'pem', path: '', pem: source.pem, stored: false };
  return undefined;
}

/** Fills the form from what 'endpoint:parse' made of a pasted URL; fields it did not name stay as they are. */
export function applyParsedEndpoint(form: HostForm, parsed: ParsedEndpoint): HostForm {
  const t = parsed.transport;
  switch (t.type) {
    case 'unix':
      return { ...form, tab: 'local', socketPath: str(t.socketPath) ?? DEFAULT_SOCKET };
    case 'npipe':
      return { ...form, tab: 'local', socketPath: str(t.pipePath) ?? `${PIPE_PREFIX}docker_engine` };
    case 'tcp': {
      // docker writes TLS endpoints as tcp:// too: a port other than the plain-HTTP 2375 is
      // also the best guess for the TLS tab, so switching tabs keeps the address typed.
      const port = num(t.port) ?? '2375';
      return { ...form, tab: 'tcp', host: str(t.host) ?? form.host, tcpPort: port, tlsPort: port === '2375' ? form.tlsPort : port };
    }
    case 'tls':
      return {
        ...form,
        tab: 'tls',
        host: str(t.host) ?? form.host,
        tlsPort: num(t.port) ?? '2376',
        serverName: str(t.serverName) ?? form.serverName,
        ca: parsedPem(t.ca) ?? form.ca,
        cert: parsedPem(t.cert) ?? form.cert,
        key: parsedPem(t.key) ?? form.key,
      };
    case 'ssh': {
      const auth = typeof t.auth === 'object' && t.auth !== null ? (t.auth as Record<string, unknown>) : {};
      const method = auth.method === 'key' || auth.method === 'password' || auth.method === 'agent' ? auth.method : form.auth.method;
      return {
        ...form,
        tab: 'ssh',
        host: str(t.host) ?? form.host,
        sshPort: num(t.port) ?? '22',
        sshUser: str(t.user) ?? form.sshUser,
        remoteSocket: str(t.remoteSocket) ?? DEFAULT_SOCKET,
        auth: { ...form.auth, method, keyPath: str(auth.keyPath) ?? form.auth.keyPath },
      };
    }
    default:
      return form;
  }
}

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag !== '' && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

export function hasProductionTag(form: HostForm): boolean {
  return parseTags(form.tags).some((tag) => tag.toLowerCase() === PRODUCTION_TAG);
}

export function withProductionTag(form: HostForm, production: boolean): HostForm {
  const others = parseTags(form.tags).filter((tag) => tag.toLowerCase() !== PRODUCTION_TAG);
  return { ...form, tags: (production ? [PRODUCTION_TAG, ...others] : others).join(', ') };
}
