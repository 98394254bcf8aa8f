/**
 * Completion for the host form's path fields in the browser shell, where no file dialog exists.
 * The shell is reached only from 127.0.0.1 with its token, by the same user, yet it answers with
 * as little as it can: the names and kinds of a folder's entries that start with what was typed,
 * never contents, sizes, owners or times, at most `pathCompletionLimit` of them, and dot entries
 * only when the typed name starts with a dot.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { type PathCompletion, type PathEntry, pathCompletionLimit } from '../../../shared/host-setup-contract.js';
import { unreadableReason } from '../read-text-file.js';
import { expandTypedPath } from './typed-path.js';

export interface PathCompletionOptions {
  homeDir: string;
  foldersOnly?: boolean;
  limit?: number;
  /** How many entries of one folder are looked at before giving up: a huge folder costs bounded work. */
  scanLimit?: number;
}

const DEFAULT_SCAN_LIMIT = 20_000;

export async function completePath(prefix: string, options: PathCompletionOptions): Promise<PathCompletion> {
  const limit = options.limit ?? pathCompletionLimit;
  const expanded = expandTypedPath(prefix, options.homeDir);
  const inside = expanded.endsWith(path.sep);
  const folder = inside ? expanded : path.dirname(expanded);
  const typedName = inside ? '' : path.basename(expanded);
  let directory;
  try {
    directory = await fs.opendir(folder, { bufferSize: 256 });
  } catch (error) {
    return { folder, entries: [], truncated: false, problem: `${folder} cannot be listed: ${unreadableReason(error)}.` };
  }
  const matches: Dirent[] = [];
  let scanned = 0;
  let truncated = false;
  try {
    for await (const entry of directory) {
      scanned += 1;
      if (scanned > (options.scanLimit ?? DEFAULT_SCAN_LIMIT)) {
        truncated = true;
        break;
      }
      if (!entry.name.startsWith(typedName)) continue;
      if (entry.name.startsWith('.') && !typedName.startsWith('.')) continue;
      if (matches.length === limit * 4) {
        truncated = true;
        break;
      }
      matches.push(entry);
    }
  } finally {
    // Breaking out of the loop closes the directory; closing it again is harmless.
    await directory.close().catch(() => undefined);
  }
  const kinds = await Promise.all(matches.map((entry) => kindOf(entry, folder)));
  const entries: PathEntry[] = matches
    .map((entry, index) => ({ name: entry.name, kind: kinds[index]! }))
    .filter((entry) => !options.foldersOnly || entry.kind === 'folder')
    .sort((a, b) => ((a.kind === 'folder') !== (b.kind === 'folder') ? (a.kind === 'folder' ? -1 : 1) : a.name.localeCompare(b.name)))
    .map((entry) => ({ ...entry, path: path.join(folder, entry.name) + (entry.kind === 'folder' ? path.sep : '') }));
  return { folder, entries: entries.slice(0, limit), truncated: truncated || entries.length > limit };
}

/** A link is shown as what it points to, so a linked certificate folder completes like a folder. */
async function kindOf(entry: Dirent, folder: string): Promise<PathEntry['kind']> {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  const target = await fs.stat(path.join(folder, entry.name)).catch(() => undefined);
  if (target?.isDirectory()) return 'folder';
  return target?.isFile() ? 'file' : 'other';
}
