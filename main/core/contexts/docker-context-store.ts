/**
 * The docker CLI's context store, read and written in its own layout so both tools share it:
 * `$DOCKER_CONFIG/contexts/meta/<sha256 of name>/meta.json` (dirs 0755, file 0644) and the TLS
 * material under `contexts/tls/<sha256>/docker/{ca,cert,key}.pem` (dirs 0700, files 0600), with
 * the current context in `config.json`'s `currentContext`. Everything read is bounded: this is
 * another program's data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../errors.js';

export interface DockerContext {
  name: string;
  description?: string;
  /** The docker endpoint's Host, e.g. tcp://10.0.0.5:2376; empty when the context has none. */
  host: string;
  skipTlsVerify: boolean;
  /** Paths of the TLS files the context holds for its docker endpoint. */
  tls: { ca?: string; cert?: string; key?: string };
}

/** What a context is written from: PEM text, not paths, so archives and hosts both fit. */
export interface DockerContextData {
  name: string;
  description?: string;
  host: string;
  skipTlsVerify?: boolean;
  tls?: { ca: string; cert: string; key: string };
}

export const DEFAULT_CONTEXT = 'default';
const MAX_META_BYTES = 1024 * 1024;
const MAX_CONTEXTS = 1000;
const tlsFileNames = ['ca', 'cert', 'key'] as const;

/** The docker CLI's config folder: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : path.join(home, '.docker');
}

/** The folder name of a context: the hex SHA-256 of its name, as the docker CLI stores it. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** The docker CLI's rule for context names (and "default" is taken). */
export function checkContextName(name: string): void {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `"${name}" is not a valid docker context name: use letters, digits and _ . + - (at least two characters, starting with a letter or digit).`,
    );
  }
  if (name === DEFAULT_CONTEXT)
    throw new BerthError('INVALID_ARGUMENT', '"default" is the docker CLI\'s built-in context: choose another name.');
}

export class DockerContextStore {
  constructor(readonly configDir: string) {}

  private metaDir(name: string): string {
    return path.join(this.configDir, 'contexts', 'meta', contextId(name));
  }

  private tlsDir(name: string): string {
    return path.join(this.configDir, 'contexts', 'tls', contextId(name));
  }

  /** `currentContext` of config.json, or "default". */
  async currentContext(): Promise<string> {
    const text = await readBounded(path.join(this.configDir, 'config.json'));
    if (text === undefined) return DEFAULT_CONTEXT;
    try {
      const parsed = JSON.parse(text) as { currentContext?: unknown };
      return typeof parsed.currentContext === 'string' && parsed.currentContext !== '' ? parsed.currentContext : DEFAULT_CONTEXT;
    } catch {
      throw new BerthError(
        'FILE_UNREADABLE',
        `${path.join(this.configDir, 'config.json')} is not valid JSON, so the current docker context cannot be read. Fix or remove the file.`,
      );
    }
  }

  /** Every stored context, sorted by name; contexts whose meta.json is unreadable are listed in `problems`. */
  async list(): Promise<{ contexts: DockerContext[]; problems: string[] }> {
    const metaRoot = path.join(this.configDir, 'contexts', 'meta');
    const entries = await fs.readdir(metaRoot).catch(() => [] as string[]);
    const contexts: DockerContext[] = [];
    const problems: string[] = [];
    for (const entry of entries.slice(0, MAX_CONTEXTS)) {
      try {
        contexts.push(await this.readMeta(path.join(metaRoot, entry)));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    contexts.sort((a, b) => a.name.localeCompare(b.name));
    return { contexts, problems };
  }

  /** One context by name; CONTEXT_NOT_FOUND when the store has none by that name. */
  async get(name: string): Promise<DockerContext> {
    const dir = this.metaDir(name);
    const exists = await fs.stat(path.join(dir, 'meta.json')).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new BerthError(
        'CONTEXT_NOT_FOUND',
        `There is no docker context "${name}" in ${this.configDir}. Run \`docker context ls\` (or \`berth context ls\`) to see the names.`,
      );
    }
    return this.readMeta(dir);
  }

  private async readMeta(dir: string): Promise<DockerContext> {
    const file = path.join(dir, 'meta.json');
    const text = await readBounded(file);
    if (text === undefined) throw new BerthError('FILE_UNREADABLE', `${file} cannot be read.`);
    const meta = parseMeta(text, file);
    const tlsDir = path.join(this.tlsDir(meta.name), 'docker');
    const tls: DockerContext['tls'] = {};
    for (const role of tlsFileNames) {
      const candidate = path.join(tlsDir, `${role}.pem`);
      if (
        await fs.stat(candidate).then(
          (stat) => stat.isFile(),
          () => false,
        )
      )
        tls[role] = candidate;
    }
    return { ...meta, tls };
  }

  /**
   * Writes a context as the docker CLI would. Everything goes into fresh folders first and is
   * renamed into place at the end, so a failure leaves nothing half-written.
   */
  async write(data: DockerContextData, options: { replace?: boolean } = {}): Promise<DockerContext> {
    checkContextName(data.name);
    const metaDir = this.metaDir(data.name);
    const tlsDir = this.tlsDir(data.name);
    const exists = await fs.stat(metaDir).then(
      () => true,
      () => false,
    );
    if (exists && !options.replace) {
      throw new BerthError(
        'CONTEXT_EXISTS',
        `A docker context "${data.name}" exists already. Choose another name, or replace it on purpose.`,
      );
    }
    const suffix = `.berth-${randomBytes(6).toString('hex')}`;
    const stagedMeta = `${metaDir}${suffix}`;
    const stagedTls = `${tlsDir}${suffix}`;
    try {
      await fs.mkdir(path.dirname(metaDir), { recursive: true, mode: 0o755 });
      await fs.mkdir(stagedMeta, { mode: 0o755 });
      await fs.writeFile(path.join(stagedMeta, 'meta.json'), metaJson(data), { mode: 0o644 });
      if (data.tls) {
        await fs.mkdir(path.dirname(tlsDir), { recursive: true, mode: 0o700 });
        await fs.mkdir(path.join(stagedTls, 'docker'), { recursive: true, mode: 0o700 });
        for (const role of tlsFileNames) await fs.writeFile(path.join(stagedTls, 'docker', `${role}.pem`), data.tls[role], { mode: 0o600 });
      }
      if (exists) await this.removeFolders(data.name);
      if (data.tls) await fs.rename(stagedTls, tlsDir);
      await fs.rename(stagedMeta, metaDir);
    } catch (error) {
      await fs.rm(stagedMeta, { recursive: true, force: true });
      await fs.rm(stagedTls, { recursive: true, force: true });
      if (error instanceof BerthError) throw error;
      throw new BerthError(
        'FILE_NOT_WRITABLE',
        `The docker context "${data.name}" could not be written in ${this.configDir}: ${(error as Error).message}. Check the folder's permissions.`,
      );
    }
    return this.get(data.name);
  }

  private async removeFolders(name: string): Promise<void> {
    await fs.rm(this.metaDir(name), { recursive: true, force: true });
    await fs.rm(this.tlsDir(name), { recursive: true, force: true });
  }
}

/** A context's meta.json as the docker CLI writes it (in the store and in archives alike). */
export function metaJson(data: DockerContextData): string {
  return JSON.stringify({
    Name: data.name,
    Metadata: data.description ? { Description: data.description } : {},
    Endpoints: { docker: { Host: data.host, SkipTLSVerify: data.skipTlsVerify === true } },
  });
}

/** Reads a meta.json; CONTEXT_INVALID when it is not one. */
export function parseMeta(text: string, source: string): Omit<DockerContext, 'tls'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BerthError('CONTEXT_INVALID', `${source} is not valid JSON, so it is no docker context.`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof record.Name !== 'string' || record.Name === '') {
    throw new BerthError('CONTEXT_INVALID', `${source} has no context Name, so it is no docker context.`);
  }
  const metadata = (typeof record.Metadata === 'object' && record.Metadata !== null ? record.Metadata : {}) as Record<string, unknown>;
  const endpoints = (typeof record.Endpoints === 'object' && record.Endpoints !== null ? record.Endpoints : {}) as Record<string, unknown>;
  const docker = (typeof endpoints.docker === 'object' && endpoints.docker !== null ? endpoints.docker : {}) as Record<string, unknown>;
  return {
    name: record.Name,
    ...(typeof metadata.Description === 'string' && metadata.Description !== '' ? { description: metadata.Description } : {}),
    host: typeof docker.Host === 'string' ? docker.Host : '',
    skipTlsVerify: docker.SkipTLSVerify === true,
  };
}

async function readBounded(file: string): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(MAX_META_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_META_BYTES)
      throw new BerthError('CONTEXT_INVALID', `${file} is larger than ${MAX_META_BYTES} bytes: no docker context file is.`);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (error) {
    if (error instanceof BerthError) throw error;
    return undefined;
  } finally {
    await handle?.close();
  }
}
