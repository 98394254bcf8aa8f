import { type ErrorEnvelope, exitStatusOf } from '../../shared/errors.js';
import { BerthError, toEnvelope } from '../core/errors.js';
import { readTextFile } from '../core/read-text-file.js';
import { type CertificateInfo, expiryCriticalDays, expiryWarningDays, inspectCertificate } from '../core/tls/certificate-inspection.js';
import { type ChainVerdict, verifyChain } from '../core/tls/chain-verification.js';
import { isPrivateKeyLabel, splitPemBlocks } from '../core/tls/pem-blocks.js';
import { type PrivateKeyDescription, describePrivateKeyPem } from '../core/tls/private-key.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { formatCertificate, formatPrivateKey } from './tls-inspect-format.js';

export const tlsInspectHelp = `Usage: berth tls inspect [OPTIONS] FILE…

Show what each PEM file holds: for a certificate, whether it is a CA, server or client
certificate, its subject and issuer, the addresses it covers (subjectAltName), its key usages,
key, serial, SHA-256 fingerprint and validity; for a private key, its type and whether it is
encrypted. A file may hold several certificates (a bundle).

Certificates that expire within ${expiryWarningDays} days get a WARNING line; within ${expiryCriticalDays} days, or expired, a CRITICAL line.

Options:
      --ca FILE    Also check that each certificate was issued by the CA in FILE and is valid now
      --json       Print one JSON array instead of text
  -h, --help       Show this help

Exit status: 0 when every file was read (even if a certificate expires: read WARNING and CRITICAL
lines, or "expiry" in --json), 2 when a file cannot be read, 4 when it holds no valid PEM.

Examples:
  berth tls inspect ~/.docker/ca.pem ~/.docker/cert.pem
  berth tls inspect --ca /etc/docker/tls/ca.pem /etc/docker/tls/server-cert.pem`;

const inspectOptions = {
  ca: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type InspectedItem =
  | { file: string; kind: 'certificate'; index: number; count: number; certificate: CertificateInfo; chain?: ChainVerdict }
  | { file: string; kind: 'private-key'; key: PrivateKeyDescription }
  | { file: string; kind: 'error'; error: ErrorEnvelope };

export async function runTlsInspect(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('tls inspect', argv, inspectOptions);
  if (values.help) {
    io.stdout(tlsInspectHelp);
    return 0;
  }
  if (positionals.length === 0) {
    throw new BerthError('INVALID_ARGUMENT', 'Give one or more certificate files to inspect, e.g. `berth tls inspect ca.pem cert.pem`.');
  }
  const caPem = values.ca === undefined ? undefined : await readTextFile(values.ca, undefined, undefined);
  if (caPem !== undefined) inspectCertificate(caPem); // a bad --ca file is a usage error for the whole run

  const items: InspectedItem[] = [];
  for (const file of positionals) {
    try {
      items.push(...inspectFile(file, await readTextFile(file, undefined, undefined), caPem));
    } catch (error) {
      items.push({ file, kind: 'error', error: toEnvelope(error) });
    }
  }

  if (values.json) {
    io.stdout(JSON.stringify(items, null, 2));
  } else {
    const text = items.flatMap((item) =>
      item.kind === 'error' ? [] : [item.kind === 'certificate' ? formatCertificate(item, values.ca) : formatPrivateKey(item)],
    );
    if (text.length > 0) io.stdout(text.join('\n\n'));
    for (const item of items)
      if (item.kind === 'error') io.stderr(`berth: ${item.error.code}: ${item.error.message.replace(/\s*\n\s*/g, ' ')}`);
  }
  const firstError = items.find((item) => item.kind === 'error');
  return firstError?.kind === 'error' ? exitStatusOf(firstError.error.code) : 0;
}

function inspectFile(file: string, text: string, caPem: string | undefined): InspectedItem[] {
  const blocks = splitPemBlocks(text);
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE');
  const keys = blocks.filter((block) => isPrivateKeyLabel(block.label));
  if (certificates.length === 0 && keys.length === 0) {
    throw new BerthError(
      'TLS_INVALID_PEM',
      `${file} holds no PEM certificate or private key${blocks.length > 0 ? ` (only ${blocks.map((block) => block.label).join(', ')})` : ''}.`,
    );
  }
  const items: InspectedItem[] = certificates.map((block, index) => {
    let certificate: CertificateInfo;
    try {
      certificate = inspectCertificate(block.pem);
    } catch (error) {
      throw error instanceof BerthError ? new BerthError(error.code, `${file}: ${error.message}`, { cause: error }) : error;
    }
    return {
      file,
      kind: 'certificate' as const,
      index: index + 1,
      count: certificates.length,
      certificate,
      ...(caPem !== undefined ? { chain: verifyChain(block.pem, caPem) } : {}),
    };
  });
  for (const block of keys) items.push({ file, kind: 'private-key', key: describePrivateKeyPem(block.pem) });
  return items;
}
