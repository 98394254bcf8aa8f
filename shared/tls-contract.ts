import { z } from 'zod';
import type { ErrorEnvelope } from './errors.js';
import type { HostCertificates } from './certificate-health.js';
import type { HostView } from './host-view.js';
import { dockerPorts } from './profile.js';

/**
 * The TLS setup wizard's and certificate health's part of the contract (spread into
 * shared/contract.ts): generate a certificate set in a worker, show the daemon and client
 * configuration, install it over SSH, verify, save the TLS host; check and renew certificates.
 * No reply or push ever carries a private key or the CA passphrase: files are named by path.
 */

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id holds letters, digits, - and _ only');
const hostname = z
  .string()
  .min(1, 'a host name or address is required')
  .max(253)
  .regex(/^[A-Za-z0-9._:[\]-]+$/, 'give a DNS name or an IP address');
const port = z.number().int().min(1).max(65535);
/** A directory or file on this machine: absolute, or under the home directory (~/…). */
const localPath = z
  .string()
  .min(1, 'a path is required')
  .max(4096)
  .regex(/^(\/|~(\/|$)|[A-Za-z]:[\\/])/, 'give an absolute path (or one starting with ~/)')
  .refine((value) => !value.includes('\0'), 'a path cannot hold NUL characters');
/** A path on the daemon's host (POSIX, absolute). */
const remotePath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^\/[^\0\n\r]*$/, 'give an absolute path on the host (starting with /)');
const command = z
  .string()
  .trim()
  .min(1, 'a command is required')
  .max(4096)
  .refine((value) => !/[\0\n\r]/.test(value), 'the command must be one line');

export const tlsKeyTypes = ['ec-p256', 'rsa-2048', 'rsa-4096'] as const;
export type TlsKeyType = (typeof tlsKeyTypes)[number];
export const tlsKeyTypeLabels: Record<TlsKeyType, string> = { 'ec-p256': 'EC P-256', 'rsa-2048': 'RSA 2048', 'rsa-4096': 'RSA 4096' };
const keyType = z.enum(tlsKeyTypes);
/** The longest validity a generated or renewed certificate may have. */
export const maxValidityDays = 3650;
const validityDays = z.number().int().min(1, 'at least 1 day').max(maxValidityDays, `at most ${maxValidityDays} days (10 years)`);
/** The CA key's passphrase: never stored, never sent back, scrubbed from every message. */
const caPassphrase = z.string().min(4, 'the CA passphrase needs at least 4 characters').max(1024);
const san = z.string().trim().min(1).max(260);

/** THE defaults of TLS setup, for the schemas below, the core's installer and configuration, the CLI and the wizard. */
export const tlsDefaults = {
  keyType: 'ec-p256' as TlsKeyType,
  validityDays: 365,
  port: dockerPorts.tls,
  /** Where ca.pem, server-cert.pem and server-key.pem go on the daemon's host. */
  remoteDir: '/etc/docker/tls',
  daemonJsonPath: '/etc/docker/daemon.json',
  restartCommand: 'systemctl restart docker',
  /** The address dockerd listens on: every interface. */
  tcpHost: '0.0.0.0',
} as const;

/** The generation's steps in order, as tls:progress names them. */
export const tlsGenerationSteps = [
  { id: 'ca-key', title: 'CA key' },
  { id: 'ca-certificate', title: 'CA certificate' },
  { id: 'server-key', title: 'Server key' },
  { id: 'server-certificate', title: 'Server certificate' },
  { id: 'client-key', title: 'Client key' },
  { id: 'client-certificate', title: 'Client certificate' },
  { id: 'export', title: 'Write the files' },
] as const;
export type TlsGenerationStep = (typeof tlsGenerationSteps)[number]['id'];

/** The install's steps in order (ids as main/core/tls/install reports them). */
export const tlsInstallStepList = [
  { id: 'preflight', title: 'Check the host' },
  { id: 'upload', title: 'Upload the CA and server certificate and key' },
  { id: 'daemon-json', title: 'Update daemon.json' },
  { id: 'systemd', title: 'Install the systemd drop-in' },
  { id: 'restart', title: 'Restart Docker' },
  { id: 'wait', title: 'Wait for the daemon over TLS' },
] as const;
export type TlsInstallStepName = (typeof tlsInstallStepList)[number]['id'];

export const tlsRollbackStepList = [
  { id: 'restore-daemon-json', title: 'Restore daemon.json' },
  { id: 'restore-systemd', title: 'Remove the systemd drop-in' },
  { id: 'restore-files', title: 'Restore the certificate files' },
  { id: 'restart', title: 'Restart Docker' },
] as const;

export const tlsInvokeSchemas = {
  /**
   * Makes a CA, a server certificate for `sans` (plus loopback unless turned off) and a client
   * certificate in a worker thread, and writes them to `outDir` (each file 0400). Progress goes out
   * as tls:progress; `jobId` (chosen by the caller, so it can cancel at once) names the job.
   */
  'tls:generate': z
    .object({
      jobId: id.optional(),
      sans: z.array(san).min(1, 'give at least one address clients use').max(64),
      includeLoopback: z.boolean().default(true),
      keyType: keyType.default(tlsDefaults.keyType),
      validityDays: validityDays.default(tlsDefaults.validityDays),
      caPassphrase: caPassphrase.optional(),
      outDir: localPath,
      overwrite: z.boolean().default(false),
    })
    .strict(),
  /** Stops a running generation (nothing is written) or install (TLS_INSTALL_CANCELLED). */
  'tls:cancel': z.object({ jobId: id }).strict(),
  /** daemon.json, the systemd drop-in, DOCKER_OPTS, the dockerd line, the client's exports and commands; openssl steps on request. */
  'tls:configuration': z
    .object({
      certDir: localPath,
      host: hostname,
      port: port.default(tlsDefaults.port),
      remoteDir: remotePath.default(tlsDefaults.remoteDir),
      openssl: z
        .object({
          sans: z.array(san).min(1).max(64),
          includeLoopback: z.boolean().default(true),
          keyType: keyType.default(tlsDefaults.keyType),
          validityDays: validityDays.default(tlsDefaults.validityDays),
          encryptCaKey: z.boolean().default(false),
        })
        .strict()
        .optional(),
    })
    .strict(),
  /**
   * Installs the set of `certDir` (or of a finished tls:generate `jobId`) on the daemon's host over
   * the SSH profile of `hostId`, reporting each step as tls:install-step. The CA key stays here.
   */
  'tls:install': z
    .object({
      installId: id.optional(),
      hostId: id,
      certDir: localPath.optional(),
      jobId: id.optional(),
      remoteDir: remotePath.default(tlsDefaults.remoteDir),
      daemonJsonPath: remotePath.default(tlsDefaults.daemonJsonPath),
      tcpHost: hostname.default(tlsDefaults.tcpHost),
      port: port.default(tlsDefaults.port),
      restartCommand: command.default(tlsDefaults.restartCommand),
      useSystemdDropIn: z.enum(['auto', 'yes', 'no']).default('auto'),
      /** The address Berth verifies the daemon at afterwards; default the SSH host. */
      clientHost: hostname.optional(),
    })
    .strict()
    .refine((input) => (input.certDir === undefined) !== (input.jobId === undefined), {
      message: 'give either certDir or jobId (of a finished generation)',
      path: ['certDir'],
    }),
  /** Undoes an install of this session (`restartCommand` overrides the install's one). */
  'tls:rollback': z.object({ installId: id, restartCommand: command.optional() }).strict(),
  /** Connects over TLS with `certDir`'s ca.pem, cert.pem, key.pem and reads /version and the server certificate. */
  'tls:verify': z
    .object({ host: hostname, port: port.default(tlsDefaults.port), certDir: localPath, serverName: hostname.optional() })
    .strict(),
  /** Adds a TLS host whose files are `certDir`'s, or switches host `hostId` (e.g. a plain-tcp one) to them; then connects. */
  'tls:save-host': z
    .object({
      hostId: id.optional(),
      name: z.string().trim().min(1, 'a name is required').max(100),
      host: hostname,
      port: port.default(tlsDefaults.port),
      certDir: localPath,
      serverName: hostname.optional(),
      tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    })
    .strict(),
  /** Checks a TLS host's CA, client and server certificates now. */
  'tls:health': z.object({ hostId: id }).strict(),
  /**
   * Issues a new client certificate (and key) for a TLS host from its CA, keeps the old cert.pem and
   * key.pem as backups next to them, and reconnects the host.
   */
  'tls:renew-client': z
    .object({
      hostId: id,
      caCertPath: localPath,
      caKeyPath: localPath,
      caPassphrase: z.string().max(1024).optional(),
      validityDays: validityDays.default(tlsDefaults.validityDays),
    })
    .strict(),
} as const;

export type TlsInvokeChannel = keyof typeof tlsInvokeSchemas;

export interface TlsSan {
  type: 'ip' | 'dns';
  value: string;
}

/** A certificate as the wizard shows it (from inspectCertificate). */
export interface TlsCertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  sans: TlsSan[];
  keyUsages: string[];
  extendedKeyUsages: string[];
  isCA: boolean;
  role: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  expiry: 'ok' | 'warning' | 'critical' | 'expired' | 'not-yet-valid';
  fingerprintSha256: string;
  publicKey: { label: string };
  signatureAlgorithm: string;
}

export interface TlsGeneratedFile {
  name: 'ca.pem' | 'ca-key.pem' | 'server-cert.pem' | 'server-key.pem' | 'cert.pem' | 'key.pem';
  path: string;
  /** 0o400 */
  mode: number;
}

export interface TlsGenerateResult {
  jobId: string;
  outDir: string;
  files: TlsGeneratedFile[];
  /** Every SAN of the server certificate, loopback included, as `IP:…` / `DNS:…`. */
  sans: string[];
  caKeyEncrypted: boolean;
  certificates: { ca: TlsCertificateSummary; server: TlsCertificateSummary; client: TlsCertificateSummary };
}

export interface TlsConfiguration {
  daemon: {
    daemonJsonPath: string;
    daemonJsonText: string;
    systemdDropInPath: string;
    systemdDropIn: string;
    dockerOptsLine: string;
    dockerdCommand: string;
    applyCommands: string[];
    notes: string[];
  };
  client: { dockerHost: string; environment: string; dockerCommand: string; curlCommand: string };
  openssl?: { script: string; steps: { description: string; command: string }[] };
}

export type TlsStepState = 'running' | 'done' | 'skipped' | 'failed';

/** One install or rollback step: sent whole on every change; `output` never holds key material. */
export interface TlsStepReport {
  id: string;
  title: string;
  state: TlsStepState;
  output: string;
  error?: ErrorEnvelope;
}

export interface TlsServerCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  sans: TlsSan[];
  fingerprintSha256: string;
}

export interface TlsVerifyResult {
  serverVersion: string;
  apiVersion: string;
  os?: string | undefined;
  arch?: string | undefined;
  protocol?: string | undefined;
  serverCertificate: TlsServerCertificate;
}

export interface TlsInstallResultView {
  installId: string;
  outcome: 'installed' | 'failed' | 'cancelled';
  steps: TlsStepReport[];
  error?: ErrorEnvelope | undefined;
  /** Whether tls:rollback has something to undo. */
  canRollback: boolean;
  /** What to run on the host to undo it by hand. */
  rollbackInstructions: { summary: string; commands: string[] };
  daemon?: TlsVerifyResult | undefined;
}

export interface TlsRollbackResultView {
  installId: string;
  outcome: 'rolled-back' | 'failed' | 'cancelled';
  steps: TlsStepReport[];
  error?: ErrorEnvelope | undefined;
}

export interface TlsRenewResult {
  certPath: string;
  keyPath: string;
  /** Where the previous cert.pem and key.pem were kept (empty for pasted ones). */
  backups: string[];
  certificate: TlsCertificateSummary;
  /** The new certificate ends with the CA's validity, which was shorter than asked. */
  cappedToCa: boolean;
}

export interface TlsInvokeResults {
  'tls:generate': TlsGenerateResult;
  'tls:cancel': { cancelled: boolean };
  'tls:configuration': TlsConfiguration;
  'tls:install': TlsInstallResultView;
  'tls:rollback': TlsRollbackResultView;
  'tls:verify': TlsVerifyResult;
  'tls:save-host': HostView;
  'tls:health': HostCertificates;
  'tls:renew-client': TlsRenewResult;
}

export interface TlsPushEvents {
  /** A generation step started (`done: false`) or finished (`done: true`); `completed` of `total` steps are done. */
  'tls:progress': { jobId: string; step: TlsGenerationStep; done: boolean; completed: number; total: number };
  /** An install or rollback step changed. */
  'tls:install-step': { installId: string; phase: 'install' | 'rollback'; step: TlsStepReport };
}
