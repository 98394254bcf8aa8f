import { open } from 'node:fs/promises';
import { BerthError, systemErrorCode } from './errors.js';

/** No certificate, key or bundle Berth reads comes near this; a larger file is a wrong path. */
export const MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024;

/** Why a local file could not be opened or read, in the operator's words. */
export function unreadableReason(error: unknown): string {
  switch (systemErrorCode(error)) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    default:
      return 'it cannot be read';
  }
}

/**
 * Reads a local text file (a certificate, a key). Failures are FILE_UNREADABLE and say which file,
 * what it is (`role`, e.g. "CA certificate file"; none for a file the operator named directly),
 * why, and `hint`: what to do. At most `maxBytes` are read.
 */
export async function readTextFile(
  filePath: string,
  role: string | undefined,
  hint: string | undefined,
  maxBytes: number = MAX_TEXT_FILE_BYTES,
): Promise<string> {
  const what = role === undefined ? filePath : `the ${role} ${filePath}`;
  const fail = (reason: string, cause?: unknown) =>
    new BerthError('FILE_UNREADABLE', `Cannot read ${what}: ${reason}.${hint === undefined ? '' : ` ${hint}`}`, { cause });
  const tooLarge = `it is larger than ${Math.floor(maxBytes / 1024)} KiB, too large for what Berth expects there`;
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw fail(unreadableReason(error), error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw fail('it is a directory');
    if (info.size > maxBytes) throw fail(tooLarge);
    // Read in chunks, not by the size stat reports: a device or FIFO reports none and never ends.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw fail(tooLarge);
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } catch (error) {
    if (error instanceof BerthError) throw error;
    throw fail(unreadableReason(error), error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
