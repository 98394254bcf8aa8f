import { dockerPorts, formatHostPort } from '../../../../shared/profile.js';
import { BerthError } from '../../errors.js';

/** daemon.json as dockerd reads it: one JSON object. */
export type DaemonJsonObject = Record<string, unknown>;

/** The TLS settings Berth merges into daemon.json. */
export interface TlsDaemonSettings {
  caPath: string;
  certPath: string;
  keyPath: string;
  /** Address dockerd binds the TLS port to (0.0.0.0 for every interface). */
  tcpHost: string;
  port: number;
}

export interface DaemonJsonMerge {
  merged: DaemonJsonObject;
  /** The merged file as written: two-space JSON and a final newline. */
  text: string;
  /** What changed, one line each, for the step output. */
  changes: string[];
}

/** The local socket added when `hosts` lists none: without it the host's own docker CLI would lose the daemon. */
export const defaultLocalSocket = 'unix:///var/run/docker.sock';

/**
 * Reads daemon.json text. A missing file (undefined) or an empty one counts as `{}`, as dockerd
 * treats them; anything that is not a JSON object, or whose `hosts` is not a list of strings,
 * is refused with TLS_INSTALL_DAEMON_JSON_INVALID naming the file and the problem.
 */
export function parseDaemonJson(text: string | undefined, where: string): DaemonJsonObject {
  if (text === undefined) return {};
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw invalid(where, `it is not valid JSON (${oneLine((error as Error).message)})`, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(where, `it holds ${describeJsonValue(value)}, not a JSON object ({ … })`);
  }
  const hosts = (value as DaemonJsonObject)['hosts'];
  if (hosts !== undefined && (!Array.isArray(hosts) || hosts.some((host) => typeof host !== 'string'))) {
    throw invalid(where, `its "hosts" is ${describeJsonValue(hosts)}, not a list of strings like ["unix:///var/run/docker.sock"]`);
  }
  return value as DaemonJsonObject;
}

function invalid(where: string, problem: string, cause?: unknown): BerthError {
  return new BerthError(
    'TLS_INSTALL_DAEMON_JSON_INVALID',
    `${where} cannot be used: ${problem}. dockerd would refuse to start with it as well. Fix or remove the file on the host, then run the install again. Berth changed nothing.`,
    cause === undefined ? undefined : { cause },
  );
}

/** V8's parse errors quote the text around the problem, newlines included: keep them on one short line. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * daemon.json with the TLS settings merged in. Every other key is kept. `hosts` keeps its
 * entries in order, drops duplicates, gains the local socket when it lists no unix:// or fd://
 * entry, and gains tcp://HOST:PORT; an entry on the same port that would collide with it when
 * binding (the same address, or either one a wildcard) is replaced.
 */
export function mergeTlsSettings(existing: DaemonJsonObject, settings: TlsDaemonSettings): DaemonJsonMerge {
  const merged: DaemonJsonObject = { ...existing };
  const changes: string[] = [];
  const set = (key: string, value: unknown): void => {
    const before = existing[key];
    if (before === value) return;
    merged[key] = value;
    changes.push(
      before === undefined
        ? `set ${key} to ${JSON.stringify(value)}`
        : `changed ${key} from ${JSON.stringify(before)} to ${JSON.stringify(value)}`,
    );
  };
  set('tlsverify', true);
  set('tlscacert', settings.caPath);
  set('tlscert', settings.certPath);
  set('tlskey', settings.keyPath);
  // tlsverify implies tls; an explicit "tls": false would only confuse a reader.
  if ('tls' in existing && existing['tls'] !== true) set('tls', true);

  const tcp = `tcp://${formatHostPort(bracketless(settings.tcpHost), settings.port)}`;
  const hosts: string[] = [];
  const seen = new Set<string>();
  for (const entry of (existing['hosts'] as string[] | undefined) ?? []) {
    const key = normalizeDockerHost(entry);
    if (seen.has(key)) {
      changes.push(`removed the duplicate hosts entry ${JSON.stringify(entry)}`);
      continue;
    }
    if (key !== tcp && bindsCollide(key, tcp)) {
      changes.push(`removed the hosts entry ${JSON.stringify(entry)}: it would bind the same port as ${tcp}`);
      continue;
    }
    seen.add(key);
    hosts.push(entry);
  }
  if (![...seen].some((key) => key.startsWith('unix://') || key.startsWith('fd://') || key.startsWith('npipe://'))) {
    hosts.push(defaultLocalSocket);
    seen.add(defaultLocalSocket);
    changes.push(`added ${defaultLocalSocket} to hosts, so the host's own docker CLI keeps working`);
  }
  if (!seen.has(tcp)) {
    hosts.push(tcp);
    changes.push(`added ${tcp} to hosts`);
  }
  const before = existing['hosts'];
  if (!Array.isArray(before) || before.length !== hosts.length || before.some((entry, index) => entry !== hosts[index])) {
    merged['hosts'] = hosts;
  }
  return { merged, text: `${JSON.stringify(merged, null, 2)}\n`, changes };
}

function bracketless(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * A -H / hosts entry in one canonical spelling for comparison: scheme added and lower-cased
 * (`/path` means unix, `host:port` tcp), trailing slash dropped, tcp ports explicit (2376,
 * the TLS default, when missing).
 */
export function normalizeDockerHost(entry: string): string {
  let value = entry.trim();
  if (!value.includes('://')) value = value.startsWith('/') ? `unix://${value}` : `tcp://${value}`;
  const [scheme = '', rest = ''] = value.split(/:\/\/(.*)/s, 2);
  const lower = scheme.toLowerCase();
  if (lower !== 'tcp') return `${lower}://${rest.replace(/\/+$/, '')}`;
  const address = parseTcpAddress(rest.replace(/\/+$/, ''));
  return `tcp://${formatHostPort(address.host, address.port)}`;
}

function parseTcpAddress(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? '', port: portOf(bracketed[2]) };
  const colons = text.split(':').length - 1;
  if (colons > 1) return { host: text, port: portOf(undefined) }; // bare IPv6 without port
  const [host = '', port] = text.split(':');
  return { host, port: portOf(port) };
}

function portOf(text: string | undefined): number {
  const port = text === undefined || text === '' ? NaN : Number(text);
  return Number.isInteger(port) ? port : dockerPorts.tls;
}

const wildcardHosts = new Set(['', '0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/** Whether two canonical tcp:// entries would fight over one port when dockerd binds both. */
function bindsCollide(a: string, b: string): boolean {
  if (!a.startsWith('tcp://') || !b.startsWith('tcp://')) return false;
  const left = parseTcpAddress(a.slice('tcp://'.length));
  const right = parseTcpAddress(b.slice('tcp://'.length));
  if (left.port !== right.port) return false;
  return left.host === right.host || wildcardHosts.has(left.host) || wildcardHosts.has(right.host);
}
