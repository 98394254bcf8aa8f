import type { ParsedEndpoint } from '../../../shared/contract';
import {
  type RedactedPem,
  type RedactedProfile,
  type RedactedSshAuth,
  type RedactedTransport,
  redactTransport,
} from '../../../shared/host-view';
import { dockerPorts, PRODUCTION_TAG, type SshAuth } from '../../../shared/profile';

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
  /** A docker certificate folder (DOCKER_CERT_PATH) the three files were taken from; not saved itself. */
  certFolder: string;
  ca: PemInput;
  cert: PemInput;
  key: PemInput;
  sshUser: string;
  remoteSocket: string;
  auth: AuthInput;
  /** The jump hosts (ProxyJump), in the order they are reached; empty for a direct connection. */
  jumpHosts: JumpHostInput[];
  /** SSH settings imported from ~/.ssh/config that the form shows but does not edit: kept as they are. */
  sshOptions: SshOptions;
}

export type SshOptions = Partial<
  Pick<Extract<RedactedTransport, { type: 'ssh' }>, 'keepaliveIntervalSeconds' | 'connectTimeoutSeconds' | 'knownHostsFiles'>
>;

/** One jump host of the form: the fields of an SSH hop, as typed. */
export interface JumpHostInput {
  user: string;
  host: string;
  port: string;
  auth: AuthInput;
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
    certFolder: '',
    ca: emptyPem(),
    cert: emptyPem(),
    key: emptyPem(),
    sshUser: '',
    remoteSocket: DEFAULT_SOCKET,
    auth: emptyAuth(),
    jumpHosts: [],
    sshOptions: {},
  };
}

export function emptyJumpHost(): JumpHostInput {
  return { user: '', host: '', port: '22', auth: emptyAuth() };
}

function pemInput(source: RedactedPem): PemInput {
  if (source.kind === 'path') return { mode: 'path', path: source.path, pem: '', stored: false };
  if (source.kind === 'pem') return { mode: 'pem', path: '', pem: source.pem, stored: false };
  return { mode: 'pem', path: '', pem: '', stored: true };
}

/** The folder of ca.pem, cert.pem and key.pem when all three are files side by side in one (as DOCKER_CERT_PATH). */
export function certificateFolderOf(ca: RedactedPem, cert: RedactedPem, key: RedactedPem): string {
  if (ca.kind !== 'path' || cert.kind !== 'path' || key.kind !== 'path') return '';
  const folder = ca.path.replace(/[\\/]ca\.pem$/, '');
  if (folder === ca.path) return '';
  const sep = ca.path.charAt(folder.length);
  return cert.path === `${folder}${sep}cert.pem` && key.path === `${folder}${sep}key.pem` ? folder : '';
}

/** The three TLS files of a certificate folder, as path inputs. */
export function withCertificateFolder(form: HostForm, files: { folder: string; ca: string; cert: string; key: string }): HostForm {
  const asPath = (path: string): PemInput => ({ mode: 'path', path, pem: '', stored: false });
  return { ...form, certFolder: files.folder, ca: asPath(files.ca), cert: asPath(files.cert), key: asPath(files.key) };
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
  return withTransport(form, profile.transport);
}

/** The form's tab and connection fields set from a transport. */
function withTransport(form: HostForm, transport: RedactedTransport): HostForm {
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
        certFolder: certificateFolderOf(transport.ca, transport.cert, transport.key),
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
        jumpHosts: (transport.jumpHosts ?? []).map((hop) => ({
          user: hop.user,
          host: hop.host,
          port: String(hop.port),
          auth: authInput(hop.auth),
        })),
        sshOptions: {
          ...(transport.keepaliveIntervalSeconds !== undefined && { keepaliveIntervalSeconds: transport.keepaliveIntervalSeconds }),
          ...(transport.connectTimeoutSeconds !== undefined && { connectTimeoutSeconds: transport.connectTimeoutSeconds }),
          ...(transport.knownHostsFiles !== undefined && { knownHostsFiles: transport.knownHostsFiles }),
        },
      };
  }
}

/** Fills the form from what the endpoint parser made of a pasted URL; fields it did not name stay as they are. */
export function applyParsedEndpoint(form: HostForm, parsed: ParsedEndpoint): HostForm {
  const t = parsed.transport;
  const filled = withTransport(form, redactTransport(t));
  switch (t.type) {
    case 'tcp':
      // docker writes TLS endpoints as tcp:// too: a port other than the plain-HTTP 2375 is
      // also the best guess for the TLS tab, so switching tabs keeps the address typed; 2376 is
      // docker's TLS port, so that URL opens the TLS tab itself.
      return {
        ...filled,
        tlsPort: t.port === dockerPorts.tcp ? form.tlsPort : filled.tcpPort,
        ...(t.port === dockerPorts.tls && { tab: 'tls' as const }),
      };
    case 'tls':
      return { ...filled, serverName: t.serverName ?? form.serverName };
    case 'ssh':
      return {
        ...filled,
        auth: { ...form.auth, method: t.auth.method, keyPath: t.auth.method === 'key' ? t.auth.keyPath : form.auth.keyPath },
      };
    default:
      return filled;
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
