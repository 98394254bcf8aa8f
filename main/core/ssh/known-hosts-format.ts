import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { keyTypeOfBlob } from './fingerprint.js';

/**
 * The OpenSSH known_hosts line format, without any file handling: parsing, host matching
 * (plain patterns with `*`/`?` wildcards and `!` negation, `[host]:port`, hashed `|1|…`
 * entries) and formatting of new lines. Mirrors OpenSSH's hostfile.c and match.c.
 */

export type HostField = { kind: 'hashed'; salt: Buffer; hash: Buffer } | { kind: 'patterns'; patterns: string[] };

export interface KnownHostsEntry {
  /** `@revoked` and `@cert-authority` lines carry a marker; ordinary lines do not. */
  marker?: 'revoked' | 'cert-authority';
  hosts: HostField;
  keyType: string;
  keyBlob: Buffer;
  /** 1-based line number in the file it came from. */
  line: number;
}

const HASH_MAGIC = '|1|';
const SHA1_BYTES = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The name OpenSSH looks up for a host: the host itself on port 22, `[host]:port` otherwise
 * (OpenSSH's put_host_port). Host names compare lower-cased.
 */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Parses known_hosts text. Blank lines, comments and lines that do not parse are skipped. */
export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const entry = parseLine(lines[index] ?? '', index + 1);
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

function parseLine(raw: string, line: number): KnownHostsEntry | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const fields = text.split(/\s+/);
  let marker: KnownHostsEntry['marker'];
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name === '@revoked') marker = 'revoked';
    else if (name === '@cert-authority') marker = 'cert-authority';
    else return undefined;
  }
  const [hostText, keyType, keyBase64] = fields;
  if (hostText === undefined || keyType === undefined || keyBase64 === undefined) return undefined;
  if (!BASE64.test(keyBase64)) return undefined;
  const keyBlob = Buffer.from(keyBase64, 'base64');
  // The blob names its own type; a mismatch means a corrupt or hand-mangled line.
  if (keyTypeOfBlob(keyBlob) !== keyType) return undefined;
  const hosts = parseHostField(hostText);
  if (hosts === undefined) return undefined;
  return marker === undefined ? { hosts, keyType, keyBlob, line } : { marker, hosts, keyType, keyBlob, line };
}

function parseHostField(text: string): HostField | undefined {
  if (text.startsWith('|')) {
    if (!text.startsWith(HASH_MAGIC)) return undefined;
    const [saltText, hashText, ...rest] = text.slice(HASH_MAGIC.length).split('|');
    if (saltText === undefined || hashText === undefined || rest.length > 0) return undefined;
    if (!BASE64.test(saltText) || !BASE64.test(hashText)) return undefined;
    const salt = Buffer.from(saltText, 'base64');
    const hash = Buffer.from(hashText, 'base64');
    if (salt.length !== SHA1_BYTES || hash.length !== SHA1_BYTES) return undefined;
    return { kind: 'hashed', salt, hash };
  }
  const patterns = text.split(',').filter((pattern) => pattern !== '');
  return patterns.length === 0 ? undefined : { kind: 'patterns', patterns };
}

/** Whether an entry's host field names `name` (as built by knownHostsName). */
export function hostFieldMatches(hosts: HostField, name: string): boolean {
  if (hosts.kind === 'hashed') {
    const hash = createHmac('sha1', hosts.salt).update(name).digest();
    return timingSafeEqual(hash, hosts.hash);
  }
  return matchPatternList(name, hosts.patterns);
}

/**
 * OpenSSH's match_pattern_list: true when some pattern matches and no negated (`!`) pattern
 * does. A matching negated pattern rejects the whole list.
 */
export function matchPatternList(name: string, patterns: readonly string[]): boolean {
  const subject = name.toLowerCase();
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (matchPattern(subject, pattern)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Glob match where `*` is any run of characters and `?` any single character. */
export function matchPattern(subject: string, pattern: string): boolean {
  // Iterative matcher with backtracking on the last `*` (linear for typical patterns).
  let s = 0;
  let p = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    const pc = pattern[p];
    if (pc !== undefined && (pc === '?' || pc === subject[s])) {
      s++;
      p++;
    } else if (pc === '*') {
      starP = p++;
      starS = s;
    } else if (starP !== -1) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * known_hosts text without the keys recorded for exactly `name` (what `ssh-keygen -R` removes):
 * hashed lines for that name go; on a plain line the name is dropped from its comma list (the
 * line goes when nothing else is left). Wildcard and negated patterns that merely match `name`
 * stay, and so do `@revoked` and `@cert-authority` lines. Returns how many lines changed.
 */
export function removeHostFromKnownHosts(text: string, name: string): { text: string; removed: number } {
  const lines = text.split('\n');
  const dropped = new Set<number>();
  let removed = 0;
  for (const entry of parseKnownHosts(text)) {
    if (entry.marker !== undefined) continue;
    const index = entry.line - 1;
    if (entry.hosts.kind === 'hashed') {
      if (!hostFieldMatches(entry.hosts, name)) continue;
      dropped.add(index);
    } else {
      const others = entry.hosts.patterns.filter((pattern) => pattern.toLowerCase() !== name);
      if (others.length === entry.hosts.patterns.length) continue;
      // Keep the key for the other names on the line: only the host field is rewritten.
      if (others.length === 0) dropped.add(index);
      else lines[index] = (lines[index] ?? '').replace(/^(\s*)\S+/, (_, indent: string) => `${indent}${others.join(',')}`);
    }
    removed++;
  }
  return { text: lines.filter((_, index) => !dropped.has(index)).join('\n'), removed };
}

/** A hashed host field (`|1|salt|hash`) for `name`, as `ssh-keygen -H` writes it. */
export function hashHostName(name: string, salt: Buffer = randomBytes(SHA1_BYTES)): string {
  const hash = createHmac('sha1', salt).update(name).digest();
  return `${HASH_MAGIC}${salt.toString('base64')}|${hash.toString('base64')}`;
}

/** One known_hosts line (no newline) for `name`, hashed unless `hash` is false. */
export function formatKnownHostsLine(name: string, keyType: string, keyBlob: Buffer, hash: boolean): string {
  const hosts = hash ? hashHostName(name) : name;
  return `${hosts} ${keyType} ${keyBlob.toString('base64')}`;
}
