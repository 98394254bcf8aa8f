import path from 'node:path';
import { BerthError } from '../core/errors.js';
import { writeCertificateSet } from '../core/tls/certificate-set-writer.js';
import {
  type ClientConfiguration,
  type DaemonConfiguration,
  clientConfiguration,
  daemonConfiguration,
} from '../core/tls/docker-configuration.js';
import { tlsDefaults } from '../../shared/tls-contract.js';
import { generateCertificateSet } from '../core/tls/generate-certificate-set.js';
import { keyTypeLabels } from '../core/tls/key-generation.js';
import { type San, formatSan, withLoopback } from '../core/tls/san.js';
import { shellQuote } from '../core/shell-quote.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { certificateSetOptions, certificateSetOptionsHelp, clientHostFor, parseDays, parseKeyType, parseSans } from './tls-options.js';

export const tlsInitHelp = `Usage: berth tls init --out DIR --san ADDRESS [--san ADDRESS…] [OPTIONS]

Make a new CA, a server certificate for the daemon and a client certificate, write them to DIR
under docker's names (ca.pem, ca-key.pem, server-cert.pem, server-key.pem, cert.pem, key.pem;
each mode 0400, DIR 0700), and print how to configure dockerd and the docker client.
No openssl is needed. An existing set in DIR is never replaced without --force.

Options:
      --out DIR              Directory to write the six files to (created when missing)
${certificateSetOptionsHelp}
      --ca-passphrase-env VAR
                             Encrypt ca-key.pem with the passphrase in environment variable VAR
                             (server and client keys stay plain: dockerd reads them unattended)
      --port N               TLS port the daemon will listen on (default ${tlsDefaults.port})
      --daemon-cert-dir DIR  Where the server files will live on the daemon's host (default ${tlsDefaults.remoteDir})
      --force                Replace an existing set in DIR
  -h, --help                 Show this help

Exit status: 0 ok, 2 usage (bad option, existing set, unwritable DIR), 1 internal error.

Examples:
  berth tls init --out ./docker-tls --san IP:203.0.113.5 --san DNS:docker.example.com
  CA_PASS=… berth tls init --out ~/.docker/prod --san docker.example.com --key rsa4096 --ca-passphrase-env CA_PASS`;

const initOptions = {
  ...certificateSetOptions,
  out: { type: 'string' },
  'ca-passphrase-env': { type: 'string' },
  port: { type: 'string' },
  'daemon-cert-dir': { type: 'string' },
  force: { type: 'boolean' },
} as const;

export async function runTlsInit(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('tls init', argv, initOptions);
  if (values.help) {
    io.stdout(tlsInitHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Unexpected argument "${positionals[0]}". Give the directory with --out DIR; run \`berth tls init --help\`.`,
    );
  }
  if (values.out === undefined || values.out === '') {
    throw new BerthError(
      'INVALID_ARGUMENT',
      'Give the directory to write the certificates to with --out DIR. Run `berth tls init --help`.',
    );
  }
  const sans = parseSans(values.san, 'init');
  const keyType = parseKeyType(values.key);
  const validityDays = parseDays(values.days);
  const port = parsePort(values.port);
  const caPassphrase = passphraseFromEnv(values['ca-passphrase-env'], io.env);
  const includeLoopback = values['no-loopback'] !== true;
  const outDir = path.resolve(values.out);

  if (keyType === 'rsa-4096') io.stderr('Generating three RSA 4096 keys; this takes a few seconds…');
  const set = await generateCertificateSet({
    sans,
    includeLoopback,
    keyType,
    validityDays,
    ...(caPassphrase !== undefined ? { caPassphrase } : {}),
    ...(values['common-name'] !== undefined ? { commonName: values['common-name'] } : {}),
  });
  await writeCertificateSet(outDir, set, { overwrite: values.force === true });

  const host = clientHostFor(sans);
  const daemonCertDir = values['daemon-cert-dir'] ?? tlsDefaults.remoteDir;
  io.stdout(
    formatInitReport({
      outDir,
      allSans: withLoopback(sans, includeLoopback),
      keyLabel: keyTypeLabels[keyType],
      validityDays,
      caEncrypted: caPassphrase !== undefined,
      port,
      daemonCertDir,
      daemon: daemonConfiguration({ certDir: daemonCertDir, host, port }),
      client: clientConfiguration({ certDir: outDir, host, port }),
    }),
  );
  return 0;
}

interface InitReport {
  outDir: string;
  allSans: San[];
  keyLabel: string;
  validityDays: number;
  caEncrypted: boolean;
  port: number;
  daemonCertDir: string;
  daemon: DaemonConfiguration;
  client: ClientConfiguration;
}

function formatInitReport(report: InitReport): string {
  const { daemon, client } = report;
  const indent = (text: string, by = '     ') =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => by + line)
      .join('\n');
  const file = (name: string) => shellQuote(path.join(report.outDir, name));
  return [
    `Wrote a TLS certificate set (${report.keyLabel}, valid ${report.validityDays} days) to ${report.outDir}:`,
    '  ca.pem           CA certificate: the daemon and every client trust it',
    `  ca-key.pem       CA private key${report.caEncrypted ? ' (encrypted)' : ''}: it signs new certificates; keep it off the daemon's host`,
    `  server-cert.pem  daemon certificate for ${report.allSans.map(formatSan).join(', ')}`,
    '  server-key.pem   daemon private key',
    '  cert.pem         client certificate',
    '  key.pem          client private key',
    '',
    "On the daemon's host:",
    `  1. Copy ca.pem, server-cert.pem and server-key.pem to ${report.daemonCertDir}/ (owner root, mode 0400).`,
    `  2. Configure dockerd in ONE of these ways (never two: dockerd refuses options set twice).`,
    `     a) ${daemon.daemonJsonPath}:`,
    indent(daemon.daemonJsonText, '          '),
    `        plus the systemd drop-in ${daemon.systemdDropInPath}, which removes the stock`,
    `        "-H fd://" that conflicts with "hosts" (keep any other flags your unit passes):`,
    indent(daemon.systemdDropIn, '          '),
    `        then: ${daemon.applyCommands.join(' && ')}`,
    `     b) /etc/default/docker (older Ubuntu; if the unit itself passes -H fd://, drop "-H unix://…"):`,
    `          ${daemon.dockerOptsLine}`,
    '     c) by hand, to try it:',
    `          ${daemon.dockerdCommand}`,
    `  3. Open tcp port ${report.port} only to the machines that need it.`,
    '',
    'On your machine:',
    `  ${client.environment}`,
    `  ${client.dockerCommand}`,
    `  ${client.curlCommand}`,
    `  berth probe -H ${client.dockerHost} --tlscacert ${file('ca.pem')} --tlscert ${file('cert.pem')} --tlskey ${file('key.pem')}`,
  ].join('\n');
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return tlsDefaults.port;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535)
    throw new BerthError('INVALID_ARGUMENT', `--port wants a port number from 1 to 65535, not "${value}".`);
  return port;
}

function passphraseFromEnv(variable: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (variable === undefined) return undefined;
  const passphrase = env[variable];
  if (passphrase === undefined || passphrase === '') {
    throw new BerthError('INVALID_ARGUMENT', `--ca-passphrase-env names ${variable}, but that environment variable is not set or empty.`);
  }
  return passphrase;
}
