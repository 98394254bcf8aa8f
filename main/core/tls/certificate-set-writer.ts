import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError, systemErrorCode } from '../errors.js';
import type { CertificateSet } from './generate-certificate-set.js';

/** Docker's file names for each part of the set. */
export const certificateSetFileNames: Record<keyof CertificateSet, string> = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server-cert.pem',
  serverKey: 'server-key.pem',
  clientCert: 'cert.pem',
  clientKey: 'key.pem',
};

export interface WriteCertificateSetOptions {
  /** Replace an existing set; without it, any existing file of the set stops the write. */
  overwrite: boolean;
}

const fileMode = 0o400;
const dirMode = 0o700;

/**
 * Writes the set under docker's names, each file read-only for its owner (0400), creating the
 * directory (0700) when needed. Every file goes to a temporary name first and all are renamed into
 * place only once all were written, so a failure leaves no half-written file behind.
 * Returns the paths written.
 */
export async function writeCertificateSet(dir: string, set: CertificateSet, options: WriteCertificateSetOptions): Promise<string[]> {
  await makeDirectory(dir);
  const entries = (Object.keys(certificateSetFileNames) as (keyof CertificateSet)[]).map((part) => ({
    target: path.join(dir, certificateSetFileNames[part]),
    content: set[part],
  }));
  if (!options.overwrite) {
    const existing = (
      await Promise.all(entries.map(async (entry) => ((await exists(entry.target)) ? path.basename(entry.target) : undefined)))
    ).filter((name): name is string => name !== undefined);
    if (existing.length > 0) {
      throw new BerthError(
        'TLS_FILES_EXIST',
        `${dir} already holds ${existing.join(', ')}. Berth does not replace certificates unasked, since daemons and clients may still use them: choose another directory, or overwrite on purpose (berth tls init --force).`,
        { detail: { existing } },
      );
    }
  }

  const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const temporary = entries.map((entry) => ({ ...entry, temp: path.join(dir, `.${path.basename(entry.target)}${suffix}`) }));
  try {
    for (const entry of temporary) await writeNewFile(entry.temp, entry.content);
    for (const entry of temporary) await rename(entry.temp, entry.target);
  } catch (error) {
    await Promise.all(temporary.map((entry) => unlink(entry.temp).catch(() => undefined)));
    throw notWritable(dir, error);
  }
  return temporary.map((entry) => entry.target);
}

async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: dirMode });
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw notWritable(dir, error);
  }
}

async function writeNewFile(file: string, content: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, fileMode);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle?.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return false;
    throw notWritable(path.dirname(file), error);
  }
}

function notWritable(dir: string, error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  const code = systemErrorCode(error);
  const reason =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? 'a part of that path is a file, not a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : `${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
  return new BerthError('FILE_NOT_WRITABLE', `Cannot write the certificates to ${dir}: ${reason}. Choose a directory you can write to.`, {
    cause: error,
  });
}
