import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../errors.js';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.js';
import {
  formatKnownHostsLine,
  hostFieldMatches,
  knownHostsName,
  type KnownHostsEntry,
  parseKnownHosts,
  removeHostFromKnownHosts,
} from './known-hosts-format.js';

export type HostKeyCheck =
  | { status: 'known' }
  | { status: 'unknown' }
  | {
      status: 'changed';
      knownFingerprint: string;
      knownKeyType: string;
      /** The file and 1-based line holding the key on record (for "remove this line"). */
      file: string;
      line: number;
    }
  | { status: 'revoked'; file: string; line: number };

export interface KnownHostsOptions {
  /** The app-owned known_hosts file; `trust(…, {persist: true})` appends to it. */
  file: string;
  /** Read-only files also consulted, e.g. the user's ~/.ssh/known_hosts (opt-in). */
  extraFiles?: readonly string[];
  /** Write new entries hashed (`|1|…`, like HashKnownHosts yes). Default true. */
  hashNewEntries?: boolean;
}

interface SourcedEntry extends KnownHostsEntry {
  file: string;
}

const SESSION = '(accepted for this session)';

/**
 * Host keys Berth trusts: an app-owned, writable known_hosts file plus optional read-only
 * ones, with OpenSSH semantics. Files are re-read on every check so edits made outside
 * Berth count at once; unreadable files and corrupt lines are skipped, never thrown.
 */
export class KnownHosts {
  readonly file: string;
  readonly extraFiles: readonly string[];
  private readonly hashNewEntries: boolean;
  /** Keys accepted once ("accept once"), trusted for this object's life only, and the queue of writes: shared with its views. */
  private readonly shared: { session: SourcedEntry[]; writes: Promise<unknown> };

  constructor(options: KnownHostsOptions, shared?: KnownHosts['shared']) {
    this.file = options.file;
    this.extraFiles = options.extraFiles ?? [];
    this.hashNewEntries = options.hashNewEntries ?? true;
    this.shared = shared ?? { session: [], writes: Promise.resolve() };
  }

  private get session(): SourcedEntry[] {
    return this.shared.session;
  }

  /**
   * The same known hosts, also consulting `files` (read-only): a host's UserKnownHostsFile from
   * ~/.ssh/config. Keys accepted for the session and written keys are shared with this object.
   */
  withReadOnlyFiles(files: readonly string[]): KnownHosts {
    const extra = files.filter((file) => file !== this.file && !this.extraFiles.includes(file));
    if (extra.length === 0) return this;
    return new KnownHosts(
      { file: this.file, extraFiles: [...this.extraFiles, ...extra], hashNewEntries: this.hashNewEntries },
      this.shared,
    );
  }

  async check(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyCheck> {
    const name = knownHostsName(host, port);
    const matching = (await this.entries()).filter((entry) => hostFieldMatches(entry.hosts, name));
    const revoked = matching.find((entry) => entry.marker === 'revoked' && entry.keyBlob.equals(keyBlob));
    if (revoked !== undefined) return { status: 'revoked', file: revoked.file, line: revoked.line };
    const plain = matching.filter((entry) => entry.marker === undefined);
    if (plain.some((entry) => entry.keyType === keyType && entry.keyBlob.equals(keyBlob))) return { status: 'known' };
    // Any key on record for the host makes this one a changed key, even of another type: the
    // client prefers the recorded types (preferredHostKeyAlgorithms), so a server that offers
    // none of them is not a first contact (OpenSSH warns the same way). Same type reported first.
    const other = plain.find((entry) => entry.keyType === keyType) ?? plain[0];
    if (other === undefined) return { status: 'unknown' };
    return {
      status: 'changed',
      knownFingerprint: sha256Fingerprint(other.keyBlob),
      knownKeyType: other.keyType,
      file: other.file,
      line: other.line,
    };
  }

  /**
   * Key types on record for a host, so a client can prefer them during key exchange (as
   * OpenSSH does): a server that also has a key of a recorded type is checked against it.
   */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const name = knownHostsName(host, port);
    const types = new Set<string>();
    for (const entry of await this.entries()) {
      if (entry.marker === undefined && hostFieldMatches(entry.hosts, name)) types.add(entry.keyType);
    }
    return [...types];
  }

  /**
   * Trusts a host key. With `persist` a line is appended to the app-owned file (atomically:
   * temp file and rename, mode 0600); without it the key is trusted for this object's life.
   */
  async trust(host: string, port: number, keyType: string, keyBlob: Buffer, options: { persist: boolean; hash?: boolean }): Promise<void> {
    if (keyTypeOfBlob(keyBlob) !== keyType) {
      throw new BerthError('INVALID_ARGUMENT', `The host key offered for ${host} is not a ${keyType} key.`);
    }
    const name = knownHostsName(host, port);
    if (!options.persist) {
      const hosts = { kind: 'patterns' as const, patterns: [name] };
      this.session.push({ hosts, keyType, keyBlob: Buffer.from(keyBlob), line: 0, file: SESSION });
      return;
    }
    const line = formatKnownHostsLine(name, keyType, keyBlob, options.hash ?? this.hashNewEntries);
    await this.rewrite((current) => {
      const separator = current === '' || current.endsWith('\n') ? '' : '\n';
      return `${current}${separator}${line}\n`;
    });
  }

  /**
   * Forgets every key recorded for exactly this host in the app-owned file and this session
   * (what `ssh-keygen -R` does), e.g. after the operator confirmed an expected key change.
   * Wildcard lines that merely match the host stay, and so do `@revoked` lines. Returns how
   * many entries were removed or edited.
   */
  async forget(host: string, port: number): Promise<number> {
    const name = knownHostsName(host, port);
    let removed = 0;
    for (let i = this.session.length - 1; i >= 0; i--) {
      const entry = this.session[i];
      if (entry !== undefined && entry.hosts.kind === 'patterns' && entry.hosts.patterns.includes(name)) {
        this.session.splice(i, 1);
        removed++;
      }
    }
    await this.rewrite((current) => {
      const result = removeHostFromKnownHosts(current, name);
      if (result.removed === 0) return undefined;
      removed += result.removed;
      return result.text;
    });
    return removed;
  }

  private async entries(): Promise<SourcedEntry[]> {
    const files = [this.file, ...this.extraFiles];
    const texts = await Promise.all(files.map((file) => readKnownHostsText(file)));
    const entries: SourcedEntry[] = [...this.session];
    texts.forEach((text, index) => {
      const file = files[index] ?? '';
      for (const entry of parseKnownHosts(text)) entries.push({ ...entry, file });
    });
    return entries;
  }

  /** Serialised read-modify-write of the app-owned file; `edit` returns undefined for "no change". */
  private rewrite(edit: (current: string) => string | undefined): Promise<void> {
    const run = async (): Promise<void> => {
      let current = '';
      try {
        current = await readFile(this.file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.writeError(error);
      }
      const next = edit(current);
      if (next === undefined) return;
      try {
        await writeAtomically(this.file, next);
      } catch (error) {
        throw this.writeError(error);
      }
    };
    const result = this.shared.writes.then(run, run);
    this.shared.writes = result.catch(() => undefined);
    return result;
  }

  private writeError(error: unknown): BerthError {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return new BerthError(
      'FILE_UNREADABLE',
      `Berth could not update its known_hosts file ${this.file} (${code}). Check that the directory is writable.`,
      { cause: error },
    );
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** No known_hosts file is larger; a bigger one (or a device such as /dev/zero) is skipped, not read. */
const MAX_KNOWN_HOSTS_BYTES = 16 * 1024 * 1024;

/**
 * A known_hosts file's text, or '' when it is missing, unreadable, not a regular file or too
 * large: extra files may come from an ssh config's UserKnownHostsFile, which Berth did not write.
 */
async function readKnownHostsText(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_KNOWN_HOSTS_BYTES) return '';
  return readFile(file, 'utf8').catch(() => '');
}
