import { BerthError } from '../errors.js';
import { createCaCertificate, createLeafCertificate } from './certificate-builder.js';
import { type TlsGenerationStep, maxValidityDays, tlsGenerationSteps } from '../../../shared/tls-contract.js';
import { type KeyType, generateKeyPair, isKeyType, keyTypes, privateKeyToPem } from './key-generation.js';
import { type San, formatSan, parseSan, withLoopback } from './san.js';

/** The steps of a generation, in order (the contract's list); onProgress names each one as it starts. */
export const generationSteps = tlsGenerationSteps.map((step) => step.id);
export type GenerationStep = TlsGenerationStep;

export interface GenerateCertificateSetOptions {
  /** Every address clients use for the daemon. */
  sans: readonly San[];
  /** Also add IP:127.0.0.1 and DNS:localhost (default true). */
  includeLoopback?: boolean;
  keyType: KeyType;
  /** How long all three certificates stay valid, 1 to 3650 days. */
  validityDays: number;
  /** When given, ca-key.pem is encrypted (PKCS#8, AES-256-CBC) with it. Server and client keys never are: dockerd needs them plain. */
  caPassphrase?: string;
  /** The server certificate's CN (default: the first SAN). Clients check SANs, never the CN. */
  commonName?: string;
  signal?: AbortSignal;
  onProgress?: (step: GenerationStep) => void;
  /** The clock to date certificates from (tests backdate with it). */
  now?: Date;
}

/** The six PEM files of a docker TLS setup. */
export interface CertificateSet {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** notBefore lies this far in the past, so a daemon whose clock runs a little behind accepts the set at once. */
export const clockSkewMs = 5 * 60_000;
const maxCommonNameLength = 64;

/**
 * A fresh CA, a server certificate for every SAN, and a client certificate, as PEM. The signal is
 * checked between steps and aborts a running key generation's wait (the generation itself runs on
 * to its end in the background: use generateCertificateSetInWorker to stop it outright).
 */
export async function generateCertificateSet(options: GenerateCertificateSetOptions): Promise<CertificateSet> {
  const { keyType, signal } = options;
  const sans = validateGenerationOptions(options);
  const now = options.now ?? new Date();
  const validity = {
    notBefore: new Date(now.getTime() - clockSkewMs),
    notAfter: new Date(now.getTime() + options.validityDays * 86_400_000),
  };
  const names = subjectNames(sans, options.commonName);

  const step = async <T>(name: GenerationStep, run: () => Promise<T>): Promise<T> => {
    throwIfCancelled(signal);
    options.onProgress?.(name);
    const result = await abortable(run(), signal);
    throwIfCancelled(signal);
    return result;
  };

  const caKeys = await step('ca-key', () => generateKeyPair(keyType));
  const caCertificate = await step('ca-certificate', () =>
    createCaCertificate({ keys: caKeys, keyType, commonName: names.ca, ...validity }),
  );
  const ca = { certificate: caCertificate, privateKey: caKeys.privateKey, keyType };
  const serverKeys = await step('server-key', () => generateKeyPair(keyType));
  const serverCertificate = await step('server-certificate', () =>
    createLeafCertificate({ role: 'server', publicKey: serverKeys.publicKey, keyType, commonName: names.server, sans, ca, ...validity }),
  );
  const clientKeys = await step('client-key', () => generateKeyPair(keyType));
  const clientCertificate = await step('client-certificate', () =>
    createLeafCertificate({ role: 'client', publicKey: clientKeys.publicKey, keyType, commonName: names.client, ca, ...validity }),
  );
  return step('export', async () => ({
    caCert: caCertificate.toString('pem') + '\n',
    caKey: await privateKeyToPem(caKeys.privateKey, options.caPassphrase),
    serverCert: serverCertificate.toString('pem') + '\n',
    serverKey: await privateKeyToPem(serverKeys.privateKey),
    clientCert: clientCertificate.toString('pem') + '\n',
    clientKey: await privateKeyToPem(clientKeys.privateKey),
  }));
}

/** Checks the options and returns the server certificate's SANs: the given ones (normalised) plus loopback unless turned off. */
export function validateGenerationOptions(
  options: Pick<GenerateCertificateSetOptions, 'sans' | 'includeLoopback' | 'keyType' | 'validityDays' | 'commonName' | 'caPassphrase'>,
): San[] {
  checkOptions(options);
  // Re-parse what came in (it may come over IPC), so only valid, normalised SANs reach a certificate.
  const given = options.sans.map((san) => parseSan(formatSan(san)));
  const sans = withLoopback(given, options.includeLoopback ?? true);
  if (sans.length === 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      'The server certificate needs at least one address (SAN): give the IP or DNS name clients use to reach the daemon.',
    );
  }
  return sans;
}

function checkOptions(options: Pick<GenerateCertificateSetOptions, 'keyType' | 'validityDays' | 'commonName' | 'caPassphrase'>): void {
  if (!isKeyType(options.keyType)) {
    throw new BerthError('INVALID_ARGUMENT', `Unknown key type "${String(options.keyType)}". Choose one of ${keyTypes.join(', ')}.`);
  }
  if (!Number.isInteger(options.validityDays) || options.validityDays < 1 || options.validityDays > maxValidityDays) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Validity must be a whole number of days from 1 to ${maxValidityDays}, not ${options.validityDays}.`,
    );
  }
  if (options.commonName !== undefined && (options.commonName.trim() === '' || options.commonName.length > maxCommonNameLength)) {
    throw new BerthError('INVALID_ARGUMENT', `The common name must be 1 to ${maxCommonNameLength} characters long.`);
  }
  if (options.caPassphrase !== undefined && options.caPassphrase.length < 4) {
    throw new BerthError('INVALID_ARGUMENT', 'The CA passphrase must be at least 4 characters long (openssl refuses shorter ones).');
  }
}

/** The CNs of the three certificates: the CA names the server it was made for; the server's CN is its first SAN. */
export function subjectNames(sans: readonly San[], commonName?: string): { ca: string; server: string; client: string } {
  const server = commonName ?? truncateCommonName(sans[0]?.value ?? 'localhost', 'Docker daemon');
  return { ca: truncateCommonName(`Berth CA for ${server}`, 'Berth CA'), server, client: 'client' };
}

function truncateCommonName(name: string, fallback: string): string {
  return name.length <= maxCommonNameLength ? name : fallback;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

export function cancelledError(): BerthError {
  return new BerthError('TLS_GENERATION_CANCELLED', 'Certificate generation was cancelled; nothing was written.');
}

/** Settles with the work, or rejects as soon as the signal aborts (the work itself is left to finish). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      work.catch(() => undefined);
      reject(cancelledError());
      return;
    }
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
