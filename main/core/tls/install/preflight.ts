import { X509Certificate, createPrivateKey } from 'node:crypto';
import path from 'node:path/posix';
import { BerthError } from '../../errors.js';
import { inspectCertificate } from '../certificate-inspection.js';
import { certificateMatchesAddress, verifyChain } from '../chain-verification.js';
import { formatSan } from '../san.js';
import { type DaemonJsonMerge, mergeTlsSettings, parseDaemonJson } from './daemon-json.js';
import type { InstallCertificates } from './install-types.js';
import { singleQuote } from '../../shell-quote.js';
import { type RemoteHost, shCommand } from './remote-host.js';
import type { StepHandle } from './step-log.js';
import { type SystemdDropIn, execStartOfUnit, systemdDropInFor } from './systemd-drop-in.js';

/** The install's settings with every default applied. */
export interface ResolvedInstall {
  remoteDir: string;
  daemonJsonPath: string;
  tcpHost: string;
  port: number;
  restartCommand: string;
  daemonReloadCommand: string;
  useSystemdDropIn: 'auto' | 'yes' | 'no';
  systemdDropInPath: string;
  clientHost: string;
  waitTimeoutMs: number;
  commandTimeoutMs: number;
  /** ca.pem, server-cert.pem and server-key.pem in remoteDir, with the modes they get. */
  files: { name: string; path: string; content: string; mode: number }[];
}

export interface PreflightFindings {
  user: string;
  uid: string;
  systemd: boolean;
  /** Set when the drop-in will be installed. */
  dropIn: SystemdDropIn | undefined;
  daemonJson: { exists: boolean; mode: number; text: string | undefined };
  merge: DaemonJsonMerge;
  /** The certificate files already in remoteDir (they are backed up before being replaced). */
  existingFiles: Set<string>;
}

/**
 * Checks the certificate set on this machine: the server and client certificates chain to the CA,
 * each key belongs to its certificate, and the server certificate names the address Berth will
 * verify it under. Throws before anything connects.
 */
export function checkCertificates(certificates: InstallCertificates, clientHost: string, step: StepHandle): void {
  const ca = inspectCertificate(certificates.caCert);
  if (!ca.isCA)
    throw new BerthError(
      'INVALID_ARGUMENT',
      `ca.pem holds "${ca.subject}", which is not a CA certificate. Use the CA of the generated set.`,
    );
  step.line(`CA: ${ca.subject}, valid until ${ca.notAfter}`);
  for (const [what, certPem, keyPem, purposes] of [
    ['server', certificates.serverCert, certificates.serverKey, ['server', 'server-and-client', 'any-purpose']],
    ['client', certificates.clientCert, certificates.clientKey, ['client', 'server-and-client', 'any-purpose']],
  ] as const) {
    const chain = verifyChain(certPem, certificates.caCert);
    if (!chain.valid)
      throw new BerthError(
        'INVALID_ARGUMENT',
        `The ${what} certificate does not fit this CA: ${chain.reason}. Use the files of one generated set.`,
      );
    const info = inspectCertificate(certPem);
    if (!(purposes as readonly string[]).includes(info.role)) {
      throw new BerthError(
        'INVALID_ARGUMENT',
        `The ${what} certificate is meant for ${info.role} use, not as a ${what} certificate. Generate the set again.`,
      );
    }
    let matches: boolean;
    try {
      matches = new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
    } catch {
      throw new BerthError(
        'TLS_INVALID_PEM',
        `The ${what} key is not an unencrypted private key in PEM form (dockerd cannot read encrypted keys).`,
      );
    }
    if (!matches)
      throw new BerthError(
        'INVALID_ARGUMENT',
        `The ${what} key does not belong to the ${what} certificate. Use the files of one generated set.`,
      );
    step.line(
      `${what} certificate: ${info.subject}, signed by the CA, key matches${what === 'server' ? `, names ${info.sans.map(formatSan).join(', ') || 'no address'}` : ''}`,
    );
  }
  if (!certificateMatchesAddress(certificates.serverCert, clientHost)) {
    const sans = inspectCertificate(certificates.serverCert).sans.map(formatSan).join(', ') || 'none';
    throw new BerthError(
      'INVALID_ARGUMENT',
      `The server certificate does not name ${clientHost} (its addresses: ${sans}), so Berth could not verify the daemon there after the restart. Generate a set that includes ${clientHost}, or set the address Berth should verify the daemon under.`,
    );
  }
}

/** Looks at the host without changing anything. */
export async function inspectHost(
  remote: RemoteHost,
  settings: ResolvedInstall,
  step: StepHandle,
  signal: AbortSignal | undefined,
): Promise<PreflightFindings> {
  const dirs = [path.dirname(settings.daemonJsonPath), settings.remoteDir, path.dirname(settings.systemdDropInPath)];
  const script = [
    `printf 'user=%s\\n' "$(id -un 2>/dev/null)"`,
    `printf 'uid=%s\\n' "$(id -u 2>/dev/null)"`,
    `if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi`,
    `printf 'dockerd=%s\\n' "$(command -v dockerd 2>/dev/null)"`,
    ...dirs.map(
      (dir, index) =>
        `e=${singleQuote(dir)}; while [ ! -e "$e" ]; do e=$(dirname "$e"); done; if [ -w "$e" ]; then echo "w${index}=ok $e"; else echo "w${index}=denied $e"; fi`,
    ),
  ].join('\n');
  const facts = await remote.exec(shCommand(script), { timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  if (facts.exitCode !== 0) {
    throw new BerthError(
      'TLS_INSTALL_COMMAND_FAILED',
      `Berth could not look around on ${remote.target}: a plain sh script exited with status ${facts.exitCode ?? facts.signal ?? 'unknown'} (${facts.stderr.trim().slice(0, 300) || 'no output'}). The account may be restricted to certain commands.`,
    );
  }
  const values = new Map<string, string>();
  for (const line of facts.stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1));
  }
  const user = values.get('user') || remote.user;
  const uid = values.get('uid') ?? '?';
  const systemd = values.get('systemd') === 'yes';
  step.line(`Connected to ${remote.target} as ${user} (uid ${uid})`);
  step.line(systemd ? 'systemd is running (/run/systemd/system exists)' : 'systemd is not running on this host');

  const dropIn = await planDropIn(remote, settings, systemd, values.get('dockerd') || undefined, step, signal);

  const checks = dropIn ? dirs : dirs.slice(0, 2);
  const denied = checks.flatMap((_, index) => {
    const answer = values.get(`w${index}`) ?? '';
    return answer.startsWith('ok ') ? [] : [answer.replace(/^denied /, '') || checks[index]!];
  });
  if (denied.length > 0) {
    throw new BerthError(
      'TLS_INSTALL_PERMISSION_DENIED',
      `${user} may not write to ${[...new Set(denied)].join(', ')} on ${remote.target}. Connect as a user who may change the Docker configuration (usually root), or choose directories ${user} may write to. Berth changed nothing.`,
      { detail: { directories: denied } },
    );
  }

  const info = await remote.stat(settings.daemonJsonPath);
  if (info !== undefined && !info.isFile) {
    throw new BerthError(
      'TLS_INSTALL_DAEMON_JSON_INVALID',
      `${settings.daemonJsonPath} on ${remote.target} is not a regular file. Fix the path, then run the install again. Berth changed nothing.`,
    );
  }
  const text = info === undefined ? undefined : await remote.readFile(settings.daemonJsonPath);
  const parsed = parseDaemonJson(text, `${settings.daemonJsonPath} on ${remote.target}`);
  step.line(
    text === undefined
      ? `${settings.daemonJsonPath} does not exist yet: starting from {}`
      : `${settings.daemonJsonPath}: ${Object.keys(parsed).length} setting(s), mode ${octal(info?.mode ?? 0o644)}`,
  );
  const merge = mergeTlsSettings(parsed, {
    caPath: path.join(settings.remoteDir, 'ca.pem'),
    certPath: path.join(settings.remoteDir, 'server-cert.pem'),
    keyPath: path.join(settings.remoteDir, 'server-key.pem'),
    tcpHost: settings.tcpHost,
    port: settings.port,
  });

  const existingFiles = new Set<string>();
  for (const file of settings.files) {
    const existing = await remote.stat(file.path);
    if (existing === undefined) continue;
    if (!existing.isFile)
      throw new BerthError(
        'TLS_INSTALL_REMOTE_FILE_FAILED',
        `${file.path} on ${remote.target} exists but is not a regular file. Move it away, then run the install again. Berth changed nothing.`,
      );
    existingFiles.add(file.name);
  }
  if (existingFiles.size > 0)
    step.line(`${[...existingFiles].join(', ')} already in ${settings.remoteDir}: kept as backups before being replaced`);
  return { user, uid, systemd, dropIn, daemonJson: { exists: text !== undefined, mode: info?.mode ?? 0o644, text }, merge, existingFiles };
}

async function planDropIn(
  remote: RemoteHost,
  settings: ResolvedInstall,
  systemd: boolean,
  dockerd: string | undefined,
  step: StepHandle,
  signal: AbortSignal | undefined,
): Promise<SystemdDropIn | undefined> {
  if (settings.useSystemdDropIn === 'no') {
    step.line('systemd drop-in: turned off');
    return undefined;
  }
  if (settings.useSystemdDropIn === 'auto' && !systemd) return undefined;
  const unit = systemd
    ? await remote.exec(shCommand('systemctl cat docker.service 2>&1'), { timeoutMs: 30_000, ...(signal ? { signal } : {}) })
    : undefined;
  const execStart = unit?.exitCode === 0 ? execStartOfUnit(unit.stdout) : undefined;
  if (execStart === undefined && settings.useSystemdDropIn === 'auto') {
    step.line('systemd has no docker.service unit: no drop-in needed');
    return undefined;
  }
  const dropIn = systemdDropInFor(execStart, dockerd);
  step.line(
    execStart === undefined
      ? `docker.service ExecStart unknown: the drop-in will run ${dropIn.execStart}`
      : `docker.service runs: ${execStart}${dropIn.removedFlags.length > 0 ? ` (the drop-in removes ${dropIn.removedFlags.join(', ')})` : ''}`,
  );
  return dropIn;
}

export function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}
