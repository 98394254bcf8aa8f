import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` a URL path names, or undefined when it leaves `root`, holds a NUL or a
 * bad escape. `/` is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : undefined;
}

export function isIndexPath(root: string, file: string): boolean {
  return file === path.join(root, 'index.html');
}

/**
 * `file` with every symbolic link resolved, when that real path is still inside `root`'s real
 * path; undefined otherwise (a link out of the renderer folder, or no such file).
 */
export async function realFileWithin(root: string, file: string): Promise<string | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    const rootWithSep = realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep;
    return realFile.startsWith(rootWithSep) ? realFile : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Streams a regular file under `root` with its content type; false when there is none, or when
 * its real path (links resolved) leaves `root` (the caller answers 404).
 */
export async function sendStaticFile(
  response: ServerResponse,
  root: string,
  requested: string,
  headOnly: boolean,
  cacheControl: string,
): Promise<boolean> {
  const file = await realFileWithin(root, requested);
  if (file === undefined) return false;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  response.setHeader('Content-Length', size);
  response.setHeader('Cache-Control', cacheControl);
  if (headOnly) {
    response.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      response.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(response);
  });
  return true;
}
