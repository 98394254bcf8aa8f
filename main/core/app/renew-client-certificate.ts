import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, chmod, copyFile, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { HostProfile } from '../../../shared/profile.js';
import type { TlsRenewResult } from '../../../shared/tls-contract.js';
import { BerthError, systemErrorCode } from '../errors.js';
import { readTextFile } from '../read-text-file.js';
import { inspectCertificate } from '../tls/certificate-inspection.js';
import { verifyChain } from '../tls/chain-verification.js';
import { issueClientCertificate } from '../tls/issue-client-certificate.js';
import type { KeyType } from '../tls/key-generation.js';
import { loadCaPrivateKey } from '../tls/private-key.js';
import { loadPem } from '../transports/pem.js';
import { summarizeCertificate } from './wizard-files.js';

export interface RenewClientOptions {
  profile: HostProfile;
  caCertPath: string;
  caKeyPath: string;
  caPassphrase?: string | undefined;
  validityDays: number;
  now?: Date;
}

/**
 * "Renew client certificate": a new cert.pem and key.pem for a TLS host, issued by the CA that
 * issued the old one (the one its daemon trusts), written over the old files after keeping them as
 * `<file>.berth-backup-<time>`. Every file stays 0400. The caller reconnects the host.
 */
export async function renewClientCertificate(options: RenewClientOptions): Promise<TlsRenewResult> {
  const { profile } = options;
  const transport = profile.transport;
  if (transport.type !== 'tls') {
    throw new BerthError('INVALID_ARGUMENT', `Host "${profile.name}" does not connect over TLS, so it has no client certificate to renew.`);
  }
  if (transport.cert.kind !== 'path' || transport.key.kind !== 'path') {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Host "${profile.name}" uses a pasted client certificate or key. Renewal writes cert.pem and key.pem files: edit the host to use files first.`,
    );
  }
  const certPath = transport.cert.path;
  const keyPath = transport.key.path;
  const caCertPem = await readTextFile(options.caCertPath, 'CA certificate', undefined);
  const caKeyPem = await readTextFile(options.caKeyPath, 'CA key', undefined);
  const oldCert = await loadPem(transport.cert, 'client certificate').catch(() => undefined);
  await checkSameCa(profile, caCertPem, oldCert);
  const caKey = loadCaPrivateKey(caKeyPem, options.caPassphrase === '' ? undefined : options.caPassphrase);
  const issued = await issueClientCertificate({
    caCertPem,
    caKey,
    validityDays: options.validityDays,
    ...(oldCert ? keyTypeOfCertificate(oldCert) : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const backups = await replaceFiles(
    [
      { target: certPath, content: issued.cert },
      { target: keyPath, content: issued.key },
    ],
    options.now ?? new Date(),
  );
  return {
    certPath,
    keyPath,
    backups,
    certificate: summarizeCertificate(inspectCertificate(issued.cert, options.now)),
    cappedToCa: issued.cappedToCa,
  };
}

/** The new certificate must come from the CA the daemon trusts: the one that issued the old certificate (or the profile's CA). */
async function checkSameCa(profile: HostProfile, caCertPem: string, oldCert: string | undefined): Promise<void> {
  const ca = inspectCertificate(caCertPem);
  if (oldCert !== undefined) {
    const old = inspectCertificate(oldCert);
    // Judged while both were valid: the old certificate may well have expired already.
    const at = new Date(Math.max(Date.parse(old.notBefore), Date.parse(ca.notBefore)) + 1000);
    const verdict = verifyChain(oldCert, caCertPem, at);
    if (verdict.valid) return;
    throw new BerthError(
      'INVALID_ARGUMENT',
      `The CA "${ca.subject}" did not issue host "${profile.name}"'s client certificate (${verdict.reason}). Choose the ca.pem and ca-key.pem of the set the daemon trusts.`,
    );
  }
  if (profile.transport.type !== 'tls') return;
  const trusted = await loadPem(profile.transport.ca, 'CA certificate').catch(() => undefined);
  if (trusted !== undefined && inspectCertificate(trusted).fingerprintSha256 !== ca.fingerprintSha256) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `The CA "${ca.subject}" is not the CA host "${profile.name}" trusts. Choose the ca.pem and ca-key.pem of the set the daemon trusts.`,
    );
  }
}

function keyTypeOfCertificate(pem: string): { keyType?: KeyType } {
  const label = inspectCertificate(pem).publicKey.label;
  const map: Record<string, KeyType> = { 'EC P-256': 'ec-p256', 'RSA 2048': 'rsa-2048', 'RSA 4096': 'rsa-4096' };
  const keyType = map[label];
  return keyType ? { keyType } : {};
}

/**
 * Keeps each target as `<target>.berth-backup-<stamp>` (0400), then puts the new contents in place:
 * all new files are written to temporary names first and renamed only when every one was written.
 */
async function replaceFiles(files: { target: string; content: string }[], now: Date): Promise<string[]> {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const staged = files.map((file) => ({ ...file, temp: path.join(path.dirname(file.target), `.${path.basename(file.target)}${suffix}`) }));
  const backups: string[] = [];
  try {
    for (const file of staged) await writeNew(file.temp, file.content);
    for (const file of staged) {
      const backup = `${file.target}.berth-backup-${stamp}`;
      try {
        await copyFile(file.target, backup, constants.COPYFILE_EXCL);
        await chmod(backup, 0o400);
        backups.push(backup);
      } catch (error) {
        if (systemErrorCode(error) !== 'ENOENT') throw error;
      }
    }
    for (const file of staged) await rename(file.temp, file.target);
  } catch (error) {
    await Promise.all(staged.map((file) => unlink(file.temp).catch(() => undefined)));
    if (error instanceof BerthError) throw error;
    throw new BerthError(
      'FILE_NOT_WRITABLE',
      `Cannot write the new client certificate next to ${files[0]?.target ?? 'the old one'}: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
  return backups;
}

async function writeNew(file: string, content: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o400);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle?.close();
  }
}
