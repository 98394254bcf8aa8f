/**
 * A docker context becoming a Berth host, shared by `berth context import` and the app (its
 * contexts list and an opened `.dockercontext` file): the host's id and name, and the unpacking
 * of an archive file into the docker CLI's store, as `docker context import` does.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../errors.js';
import { readContextArchive } from './context-archive.js';
import type { DockerContext, DockerContextData, DockerContextStore } from './docker-context-store.js';
import { readTextFile } from '../read-text-file.js';

/** No context archive is larger: a bigger file is something else, and is not read. */
export const MAX_CONTEXT_ARCHIVE_BYTES = 8 * 1024 * 1024;

/** A fresh host id from a name ("Prod DB" → "prod-db-1a2b3c4d"). */
export function newHostId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'host';
  return `${slug}-${randomBytes(4).toString('hex')}`;
}

/** The context name `docker context import` would give a file by default: its name without `.dockercontext`. */
export function contextNameOfFile(file: string): string {
  return path.basename(file).replace(/\.dockercontext$/i, '');
}

/** Reads a `.dockercontext` archive file (bounded, strict: see context-archive.ts) into the context it holds, named `name`. */
export async function readContextArchiveFile(file: string, name = contextNameOfFile(file)): Promise<DockerContextData> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile())
    throw new BerthError('FILE_UNREADABLE', `${file} is not a file Berth can read. Give a .dockercontext archive or a context name.`);
  if (stat.size > MAX_CONTEXT_ARCHIVE_BYTES)
    throw new BerthError('CONTEXT_INVALID', `${file} is ${stat.size} bytes: no docker context archive is that large.`);
  return readContextArchive(await fs.readFile(file), name, file);
}

/**
 * Reads a `.dockercontext` archive and writes it into the docker CLI's store as `name` (as
 * `docker context import` does); nothing is written when the archive is refused.
 */
export async function unpackContextArchive(
  store: DockerContextStore,
  file: string,
  name = contextNameOfFile(file),
): Promise<DockerContext> {
  return store.write(await readContextArchiveFile(file, name));
}

/** Whether the store's context of that name holds exactly this endpoint and TLS material (the same file opened again). */
export async function storeHoldsContext(store: DockerContextStore, data: DockerContextData): Promise<DockerContext | undefined> {
  const existing = await store.get(data.name);
  if (existing.host !== data.host || existing.skipTlsVerify !== (data.skipTlsVerify === true)) return undefined;
  const roles = ['ca', 'cert', 'key'] as const;
  if (!data.tls) return roles.every((role) => existing.tls[role] === undefined) ? existing : undefined;
  for (const role of roles) {
    const file = existing.tls[role];
    if (file === undefined) return undefined;
    const text = await readTextFile(file, undefined, undefined, 1024 * 1024).catch(() => undefined);
    if (text !== data.tls[role]) return undefined;
  }
  return existing;
}
