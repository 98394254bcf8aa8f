/**
 * `.dockercontext` archives, as `docker context export` writes and `docker context import`
 * reads them: a tar of `meta.json` and `tls/docker/{ca,cert,key}.pem`. An archive is untrusted:
 * sizes and entry counts are bounded, and any path outside that layout (absolute, `..`, links)
 * refuses the whole archive before anything is written.
 */
import { BerthError } from '../errors.js';
import { type DockerContextData, metaJson, parseMeta } from './docker-context-store.js';
import { TarFormatError, readTar, writeTar } from './ustar.js';

export const contextArchiveLimits = { maxEntries: 32, maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };
const tlsRoles = ['ca', 'cert', 'key'] as const;

export function writeContextArchive(data: DockerContextData): Buffer {
  return writeTar([
    { name: 'meta.json', type: 'file', mode: 0o644, data: Buffer.from(metaJson(data)) },
    ...(data.tls
      ? [
          { name: 'tls', type: 'directory' as const, mode: 0o700, data: Buffer.alloc(0) },
          { name: 'tls/docker', type: 'directory' as const, mode: 0o700, data: Buffer.alloc(0) },
          ...tlsRoles.map((role) => ({
            name: `tls/docker/${role}.pem`,
            type: 'file' as const,
            mode: 0o600,
            data: Buffer.from(data.tls![role]),
          })),
        ]
      : []),
  ]);
}

/** Reads an archive into the context it holds, named `name` (as `docker context import NAME FILE`). */
export function readContextArchive(archive: Buffer, name: string, source: string): DockerContextData {
  if (archive.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) {
    throw new BerthError(
      'CONTEXT_UNSUPPORTED',
      `${source} is a zip archive (a kubeconfig export), not a docker context: export the context without --kubeconfig.`,
    );
  }
  let entries;
  try {
    entries = readTar(archive, contextArchiveLimits);
  } catch (error) {
    if (error instanceof TarFormatError)
      throw new BerthError('CONTEXT_INVALID', `${source} is not a docker context archive: ${error.message}.`);
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    const where = layoutProblem(entry.name);
    if (where) throw new BerthError('CONTEXT_INVALID', `${source} holds "${entry.name}", ${where}. Nothing was imported.`);
    if (entry.type === 'file') files.set(entry.name, entry.data);
  }
  const metaText = files.get('meta.json');
  if (!metaText) throw new BerthError('CONTEXT_INVALID', `${source} holds no meta.json, so it is no docker context archive.`);
  const meta = parseMeta(metaText.toString('utf8'), `meta.json in ${source}`);
  const pems = tlsRoles.map((role) => files.get(`tls/docker/${role}.pem`)?.toString('utf8'));
  const present = pems.filter((pem) => pem !== undefined).length;
  if (present > 0 && present < tlsRoles.length) {
    throw new BerthError(
      'CONTEXT_UNSUPPORTED',
      `${source} has only part of the TLS material (ca.pem, cert.pem, key.pem): Berth needs all three.`,
    );
  }
  const [ca, cert, key] = pems;
  return {
    name,
    ...(meta.description ? { description: meta.description } : {}),
    host: meta.host,
    skipTlsVerify: meta.skipTlsVerify,
    ...(ca && cert && key ? { tls: { ca, cert, key } } : {}),
  };
}

/** Why an entry does not belong in a context archive, or undefined when it does. */
function layoutProblem(name: string): string | undefined {
  if (name.startsWith('/') || name.includes('\\') || name.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    return "a path outside the archive's folder";
  }
  if (name === 'meta.json' || name === 'tls') return undefined;
  // tls/<endpoint>/<file>: other endpoints (e.g. kubernetes) are read and left out.
  if (/^tls\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)?$/.test(name)) return undefined;
  return 'which no docker context archive holds';
}
