import { type GenerateCertificateSetOptions, subjectNames, validateGenerationOptions } from './generate-certificate-set.js';
import type { KeyType } from './key-generation.js';
import { formatSan } from './san.js';
import { shellQuote } from '../shell-quote.js';

export interface OpensslCommandsOptions extends Pick<
  GenerateCertificateSetOptions,
  'sans' | 'includeLoopback' | 'keyType' | 'validityDays' | 'commonName'
> {
  /** Encrypt ca-key.pem; the script reads the passphrase once into CA_PASSPHRASE. */
  encryptCaKey?: boolean;
}

export interface OpensslStep {
  description: string;
  /** One shell command, or a here-document writing an extension file. */
  command: string;
}

export interface OpensslCommandSequence {
  steps: OpensslStep[];
  /** The steps as one bash script, to run in an empty directory. */
  script: string;
}

const genpkeyOptions: Record<KeyType, string> = {
  'ec-p256': '-algorithm EC -pkeyopt ec_paramgen_curve:P-256',
  'rsa-2048': '-algorithm RSA -pkeyopt rsa_keygen_bits:2048',
  'rsa-4096': '-algorithm RSA -pkeyopt rsa_keygen_bits:4096',
};

/**
 * The openssl commands that make the same set generateCertificateSet makes (same names, extensions
 * and file names), for operators who do it by hand. Needs OpenSSL 1.1.1 or newer.
 */
export function opensslCommands(options: OpensslCommandsOptions): OpensslCommandSequence {
  const sans = validateGenerationOptions(options);
  const names = subjectNames(sans, options.commonName);
  const days = options.validityDays;
  const encrypt = options.encryptCaKey === true;
  const passin = encrypt ? ' -passin env:CA_PASSPHRASE' : '';
  const genpkey = genpkeyOptions[options.keyType];
  const leafKeyUsage = (role: 'server' | 'client') =>
    role === 'server' && options.keyType !== 'ec-p256' ? 'digitalSignature, keyEncipherment' : 'digitalSignature';
  const extfile = (name: string, lines: string[]) => `cat > ${name} <<'EOF'\n${lines.join('\n')}\nEOF`;
  const leafExtensions = (role: 'server' | 'client') => [
    'basicConstraints = critical, CA:FALSE',
    `keyUsage = critical, ${leafKeyUsage(role)}`,
    `extendedKeyUsage = ${role === 'server' ? 'serverAuth' : 'clientAuth'}`,
    ...(role === 'server' ? [`subjectAltName = ${sans.map(formatSan).join(', ')}`] : []),
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
  ];
  const signLeaf = (csr: string, ext: string, out: string) =>
    `openssl x509 -req -days ${days} -sha256 -in ${csr} -CA ca.pem -CAkey ca-key.pem${passin} -CAcreateserial -extfile ${ext} -out ${out}`;

  const steps: OpensslStep[] = [
    { description: 'Keep every file private to you while you work', command: 'umask 077' },
    ...(encrypt
      ? [
          {
            description: 'Read the CA key passphrase once (4 characters or more); every later step takes it from CA_PASSPHRASE',
            command: "read -rsp 'CA key passphrase: ' CA_PASSPHRASE && echo && export CA_PASSPHRASE",
          },
        ]
      : []),
    {
      description: 'CA key',
      command: `openssl genpkey ${genpkey}${encrypt ? ' -aes-256-cbc -pass env:CA_PASSPHRASE' : ''} -out ca-key.pem`,
    },
    {
      description: 'CA certificate extensions',
      command: extfile('ca-ext.cnf', [
        'basicConstraints = critical, CA:TRUE',
        'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash',
      ]),
    },
    {
      description: 'CA certificate request',
      command: `openssl req -new -key ca-key.pem${passin} -subj ${shellQuote(`/CN=${names.ca}`)} -out ca.csr`,
    },
    {
      description: 'Self-signed CA certificate',
      command: `openssl x509 -req -days ${days} -sha256 -in ca.csr -signkey ca-key.pem${passin} -extfile ca-ext.cnf -out ca.pem`,
    },
    { description: 'Server key (unencrypted: dockerd reads it at start)', command: `openssl genpkey ${genpkey} -out server-key.pem` },
    {
      description: 'Server certificate request',
      command: `openssl req -new -key server-key.pem -subj ${shellQuote(`/CN=${names.server}`)} -out server.csr`,
    },
    {
      description: 'Server certificate extensions: every address clients use goes in subjectAltName',
      command: extfile('server-ext.cnf', leafExtensions('server')),
    },
    { description: 'Server certificate, signed by the CA', command: signLeaf('server.csr', 'server-ext.cnf', 'server-cert.pem') },
    { description: 'Client key', command: `openssl genpkey ${genpkey} -out key.pem` },
    {
      description: 'Client certificate request',
      command: `openssl req -new -key key.pem -subj ${shellQuote(`/CN=${names.client}`)} -out client.csr`,
    },
    { description: 'Client certificate extensions', command: extfile('client-ext.cnf', leafExtensions('client')) },
    { description: 'Client certificate, signed by the CA', command: signLeaf('client.csr', 'client-ext.cnf', 'cert.pem') },
    {
      description: 'Remove the requests, extension files and serial file',
      command: 'rm -f ca.csr server.csr client.csr ca-ext.cnf server-ext.cnf client-ext.cnf ca.srl',
    },
    ...(encrypt ? [{ description: 'Forget the passphrase', command: 'unset CA_PASSPHRASE' }] : []),
    {
      description: 'Make every file read-only for its owner',
      command: 'chmod 0400 ca.pem ca-key.pem server-cert.pem server-key.pem cert.pem key.pem',
    },
    { description: 'Check the server certificate', command: 'openssl verify -CAfile ca.pem -purpose sslserver server-cert.pem' },
    { description: 'Check the client certificate', command: 'openssl verify -CAfile ca.pem -purpose sslclient cert.pem' },
  ];
  const script =
    ['#!/usr/bin/env bash', 'set -euo pipefail', ...steps.map((step) => `\n# ${step.description}\n${step.command}`)].join('\n') + '\n';
  return { steps, script };
}
