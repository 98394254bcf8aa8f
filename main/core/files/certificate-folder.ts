/**
 * A docker certificate folder, as DOCKER_CERT_PATH names one: `ca.pem`, `cert.pem` and `key.pem`
 * side by side. Each file is read here (bounded) to tell the operator precisely which is missing,
 * unreadable or not what its name says; only the paths go back to the form, and the host reads
 * the files again whenever it connects.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CertificateFolder } from '../../../shared/host-setup-contract.js';
import { BerthError } from '../errors.js';
import { unreadableReason } from '../read-text-file.js';
import { readTextFile } from '../read-text-file.js';
import { expandTypedPath } from './typed-path.js';

const MAX_PEM_BYTES = 1024 * 1024;

const files = [
  { role: 'ca', name: 'ca.pem', what: 'the CA certificate', marker: /-----BEGIN CERTIFICATE-----/ },
  { role: 'cert', name: 'cert.pem', what: 'the client certificate', marker: /-----BEGIN CERTIFICATE-----/ },
  { role: 'key', name: 'key.pem', what: 'the client key', marker: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
] as const;

export async function readCertificateFolder(typed: string, homeDir: string): Promise<CertificateFolder> {
  const folder = expandTypedPath(typed, homeDir).replace(/[\\/]+$/, '') || path.sep;
  const stat = await fs.stat(folder).catch((error: unknown) => {
    throw new BerthError('FILE_UNREADABLE', `The certificate folder ${folder} cannot be opened: ${unreadableReason(error)}.`);
  });
  if (!stat.isDirectory()) {
    throw new BerthError(
      'FILE_UNREADABLE',
      `${folder} is a file, not a folder. Give the folder that holds ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH), or choose the files one by one.`,
    );
  }
  const problems = await Promise.all(files.map((file) => problemOf(path.join(folder, file.name), file)));
  const missing = files.filter((_, index) => problems[index]?.kind === 'missing').map((file) => file.name);
  const others = problems.filter((problem) => problem !== undefined && problem.kind !== 'missing').map((problem) => problem!.text);
  if (missing.length > 0 || others.length > 0) {
    const sentences = [...(missing.length > 0 ? [`${folder} has no ${joinNames(missing)}`] : []), ...others];
    throw new BerthError(
      'CERT_FOLDER_INCOMPLETE',
      `${sentences.join('; ')}. A docker certificate folder (as DOCKER_CERT_PATH) holds ca.pem, cert.pem and key.pem: choose the folder that has all three, or give the files one by one.`,
    );
  }
  return { folder, ca: path.join(folder, 'ca.pem'), cert: path.join(folder, 'cert.pem'), key: path.join(folder, 'key.pem') };
}

type Problem = { kind: 'missing' } | { kind: 'unreadable' | 'not-pem'; text: string };

async function problemOf(file: string, spec: (typeof files)[number]): Promise<Problem | undefined> {
  const exists = await fs.lstat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return { kind: 'missing' };
  let text: string;
  try {
    text = await readTextFile(file, undefined, undefined, MAX_PEM_BYTES);
  } catch (error) {
    // readTextFile's message is "Cannot read FILE: reason."; keep the reason only.
    const reason = error instanceof Error ? error.message.replace(/^Cannot read [^:]*: /, '').replace(/\.$/, '') : 'it cannot be read';
    return { kind: 'unreadable', text: `${spec.name} cannot be read (${reason})` };
  }
  if (!spec.marker.test(text)) return { kind: 'not-pem', text: `${spec.name} does not hold ${spec.what} in PEM form` };
  return undefined;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
