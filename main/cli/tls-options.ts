import { BerthError } from '../core/errors.js';
import { maxValidityDays, tlsDefaults } from '../../shared/tls-contract.js';
import type { KeyType } from '../core/tls/key-generation.js';
import { type San, parseSan } from '../core/tls/san.js';

/** Options `berth tls init` and `berth tls openssl` share, for node's parseArgs. */
export const certificateSetOptions = {
  san: { type: 'string', multiple: true },
  'no-loopback': { type: 'boolean' },
  days: { type: 'string' },
  key: { type: 'string' },
  'common-name': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const certificateSetOptionsHelp = `      --san ADDRESS          An address clients use for the daemon: IP:203.0.113.5, DNS:docker.example.com,
                             or the bare IP or name (repeat for each; DNS:*.example.com for a wildcard)
      --no-loopback          Leave out IP:127.0.0.1 and DNS:localhost (added by default)
      --days N               Validity of the certificates in days (default ${tlsDefaults.validityDays}, at most ${maxValidityDays})
      --key TYPE             ec (EC P-256, the default), rsa2048, or rsa4096 (slow to generate)
      --common-name NAME     CN of the server certificate (default: the first --san)`;

const keyTypeNames: Record<string, KeyType> = {
  ec: 'ec-p256',
  'ec-p256': 'ec-p256',
  p256: 'ec-p256',
  rsa2048: 'rsa-2048',
  'rsa-2048': 'rsa-2048',
  rsa4096: 'rsa-4096',
  'rsa-4096': 'rsa-4096',
};

export function parseKeyType(value: string | undefined): KeyType {
  if (value === undefined) return 'ec-p256';
  const keyType = keyTypeNames[value.toLowerCase()];
  if (!keyType) throw new BerthError('INVALID_ARGUMENT', `--key wants ec, rsa2048 or rsa4096, not "${value}".`);
  return keyType;
}

export function parseDays(value: string | undefined): number {
  if (value === undefined) return 365;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > maxValidityDays) {
    throw new BerthError('INVALID_ARGUMENT', `--days wants a whole number of days from 1 to ${maxValidityDays}, not "${value}".`);
  }
  return days;
}

export function parseSans(values: readonly string[] | undefined, command: string): San[] {
  if (!values || values.length === 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Give at least one --san: the IP address or DNS name clients use to reach the daemon (e.g. --san IP:203.0.113.5). Run \`berth tls ${command} --help\`.`,
    );
  }
  return values.map((value) => parseSan(value));
}

/** The address clients will use: the first given SAN that is not a wildcard. */
export function clientHostFor(sans: readonly San[]): string {
  const concrete = sans.find((san) => !san.value.startsWith('*.'));
  return concrete?.value ?? `docker.${sans[0]!.value.slice(2)}`;
}
