import { isIP } from 'node:net';
import path from 'node:path/posix';
import { BerthError } from '../../errors.js';
import { tlsDefaults } from '../../../../shared/tls-contract.js';
import type { TlsInstallOptions } from './install-types.js';
import type { ResolvedInstall } from './preflight.js';
import { defaultDaemonReloadCommand, defaultSystemdDropInPath } from './systemd-drop-in.js';

const DEFAULT_WAIT_TIMEOUT_MS = 60_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

/** Applies the defaults and refuses options that cannot work (INVALID_ARGUMENT). */
export function resolveOptions(options: TlsInstallOptions): ResolvedInstall {
  const remoteDir = absolutePath(options.remoteDir ?? tlsDefaults.remoteDir, 'The certificate directory');
  const daemonJsonPath = absolutePath(options.daemonJsonPath ?? tlsDefaults.daemonJsonPath, 'The daemon.json path');
  const systemdDropInPath = absolutePath(options.systemdDropInPath ?? defaultSystemdDropInPath, 'The systemd drop-in path');
  if (remoteDir === '/') throw new BerthError('INVALID_ARGUMENT', 'Choose a directory for the certificates other than /.');
  const port = options.port ?? tlsDefaults.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new BerthError('INVALID_ARGUMENT', `The TLS port must be a whole number from 1 to 65535, not ${port}.`);
  const tcpHost = hostOption(options.tcpHost ?? tlsDefaults.tcpHost, 'The address dockerd listens on');
  const clientHost = hostOption(options.clientHost ?? options.ssh.transport.host, 'The address Berth verifies the daemon at');
  if (clientHost === '0.0.0.0' || clientHost === '::') {
    throw new BerthError('INVALID_ARGUMENT', `Berth cannot verify the daemon at ${clientHost}: give the address clients use to reach it.`);
  }
  const restartCommand = commandOption(options.restartCommand ?? tlsDefaults.restartCommand, 'The restart command');
  const daemonReloadCommand = commandOption(options.daemonReloadCommand ?? defaultDaemonReloadCommand, 'The daemon-reload command');
  const waitTimeoutMs = durationOption(options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS, 'The wait timeout');
  const commandTimeoutMs = durationOption(options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, 'The command timeout');
  const useSystemdDropIn = options.useSystemdDropIn ?? 'auto';
  if (!['auto', 'yes', 'no'].includes(useSystemdDropIn)) {
    throw new BerthError('INVALID_ARGUMENT', `useSystemdDropIn must be auto, yes or no, not ${String(useSystemdDropIn)}.`);
  }
  const { certificates } = options;
  for (const [name, value] of Object.entries({
    caCert: certificates.caCert,
    serverCert: certificates.serverCert,
    serverKey: certificates.serverKey,
    clientCert: certificates.clientCert,
    clientKey: certificates.clientKey,
  })) {
    if (typeof value !== 'string' || !value.includes('-----BEGIN'))
      throw new BerthError('INVALID_ARGUMENT', `The certificate set lacks ${name} (PEM text).`);
  }
  return {
    remoteDir,
    daemonJsonPath,
    tcpHost,
    port,
    restartCommand,
    daemonReloadCommand,
    useSystemdDropIn,
    systemdDropInPath,
    clientHost,
    waitTimeoutMs,
    commandTimeoutMs,
    files: [
      { name: 'ca.pem', path: path.join(remoteDir, 'ca.pem'), content: certificates.caCert, mode: 0o444 },
      { name: 'server-cert.pem', path: path.join(remoteDir, 'server-cert.pem'), content: certificates.serverCert, mode: 0o444 },
      { name: 'server-key.pem', path: path.join(remoteDir, 'server-key.pem'), content: certificates.serverKey, mode: 0o400 },
    ],
  };
}

function absolutePath(value: string, what: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\0\n\r]/.test(value)) {
    throw new BerthError('INVALID_ARGUMENT', `${what} must be an absolute path on the host (starting with /), not "${String(value)}".`);
  }
  const normalized = path.normalize(value);
  return normalized.length > 1 ? normalized.replace(/\/$/, '') : normalized;
}

function hostOption(value: string, what: string): string {
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIP(unbracketed) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(unbracketed)) return unbracketed;
  throw new BerthError('INVALID_ARGUMENT', `${what} must be an IP address or a host name, not "${value}".`);
}

function commandOption(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BerthError('INVALID_ARGUMENT', `${what} is empty.`);
  return value.trim();
}

function durationOption(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new BerthError('INVALID_ARGUMENT', `${what} must be a positive number of milliseconds, not ${value}.`);
  return value;
}
