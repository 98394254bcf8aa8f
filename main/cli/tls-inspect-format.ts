import type { CertificateInfo, CertificateRole } from '../core/tls/certificate-inspection.js';
import { formatSan } from '../core/tls/san.js';
import type { InspectedItem } from './tls-inspect-command.js';

const roleNames: Record<CertificateRole, string> = {
  ca: 'CA certificate',
  server: 'server certificate (for dockerd)',
  client: 'client certificate',
  'server-and-client': 'server and client certificate',
  'any-purpose': 'certificate without extendedKeyUsage (any purpose)',
  other: 'certificate for neither TLS server nor client use',
};

type CertificateItem = Extract<InspectedItem, { kind: 'certificate' }>;
type KeyItem = Extract<InspectedItem, { kind: 'private-key' }>;

export function formatCertificate(item: CertificateItem, caFile: string | undefined): string {
  const info = item.certificate;
  const where = item.count > 1 ? `${item.file} [${item.index}/${item.count}]` : item.file;
  const rows: [string, string][] = [
    ['subject', info.subject],
    ['issuer', info.selfSigned ? `${info.issuer} (self-signed)` : info.issuer],
    [
      'addresses',
      info.sans.length > 0 ? info.sans.map(formatSan).join(', ') : info.role === 'server' ? 'none (clients will refuse it)' : 'none',
    ],
    ['key usage', info.keyUsages.join(', ') || 'not restricted'],
    ['extended', info.extendedKeyUsages.join(', ') || 'not restricted'],
    ['key', info.publicKey.label],
    ['signature', info.signatureAlgorithm],
    ['valid', `${formatDate(info.notBefore)} to ${formatDate(info.notAfter)} (${daysText(info)})`],
    ['serial', info.serialNumber],
    ['sha256', info.fingerprintSha256],
  ];
  if (item.chain)
    rows.push([
      'chain',
      item.chain.valid ? `OK, issued by the CA in ${caFile}` : `NOT issued by the CA in ${caFile}: ${item.chain.reason}`,
    ]);
  const lines = [`${where}: ${roleNames[info.role]}`, ...rows.map(([label, value]) => `  ${label.padEnd(10)} ${value}`)];
  const alert = expiryAlert(info);
  if (alert) lines.push(`  ${alert}`);
  return lines.join('\n');
}

export function formatPrivateKey(item: KeyItem): string {
  const { key } = item;
  return key.encrypted
    ? `${item.file}: private key, encrypted (its passphrase is needed to use it)`
    : `${item.file}: private key, ${key.algorithm ?? 'unknown type'}, not encrypted (keep it mode 0400)`;
}

function expiryAlert(info: CertificateInfo): string | undefined {
  switch (info.expiry) {
    case 'expired':
      return `CRITICAL: expired on ${formatDate(info.notAfter)}. Clients and dockerd refuse it: make a new set (berth tls init).`;
    case 'not-yet-valid':
      return `CRITICAL: not valid before ${formatDate(info.notBefore)}. Check this machine's clock.`;
    case 'critical':
      return `CRITICAL: expires in ${plural(info.daysLeft, 'day')} (${formatDate(info.notAfter)}). Renew it now.`;
    case 'warning':
      return `WARNING: expires in ${plural(info.daysLeft, 'day')} (${formatDate(info.notAfter)}). Plan its renewal.`;
    case 'ok':
      return undefined;
  }
}

function daysText(info: CertificateInfo): string {
  if (info.expiry === 'expired') return `expired ${plural(-info.daysLeft, 'day')} ago`;
  if (info.expiry === 'not-yet-valid') return 'not valid yet';
  return `${plural(info.daysLeft, 'day')} left`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatDate(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
