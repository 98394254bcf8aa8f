import path from 'node:path/posix';
import { setTimeout as delay } from 'node:timers/promises';
import { formatHostPort } from '../../../../shared/profile.js';
import { BerthError, isBerthError } from '../../errors.js';
import { formatSan } from '../san.js';
import {
  type TlsInstallChanges,
  type TlsInstallOptions,
  type TlsInstallResult,
  type TlsInstallStep,
  type TlsInstallStepId,
  tlsInstallSteps,
} from './install-types.js';
import { resolveOptions } from './install-options.js';
import { type PreflightFindings, checkCertificates, inspectHost, octal } from './preflight.js';
import { type RemoteHost, cancelledError } from './remote-host.js';
import { hasChanges, rollbackInstructionsFor, rollbackTlsInstall } from './rollback.js';
import { runChecked } from './run-checked.js';
import { type InstallSshOptions, openSshRemoteHost } from './ssh-remote-host.js';
import { type StepHandle, StepLog } from './step-log.js';
import { type TlsHostVerification, type VerifyTlsHostOptions, verifyTlsHost } from './verify-tls-host.js';
import { waitForTlsDaemon } from './wait-for-daemon.js';

export { resolveOptions } from './install-options.js';

/** What the installer uses from the outside world; tests pass fakes. */
export interface TlsInstallDependencies {
  openRemoteHost(ssh: InstallSshOptions): Promise<RemoteHost>;
  verifyTlsHost(options: VerifyTlsHostOptions): Promise<TlsHostVerification>;
  now(): Date;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

const defaultDependencies: TlsInstallDependencies = {
  openRemoteHost: openSshRemoteHost,
  verifyTlsHost,
  now: () => new Date(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined).catch(() => undefined),
};

/**
 * Installs a certificate set on a Docker host over one SSH connection and switches its daemon to
 * TLS: preflight (nothing changes), upload, daemon.json, systemd drop-in, restart, wait. Each step
 * is reported to `onStep` as it runs. Resolves in every case once a step ran: a failed or
 * cancelled install says what changed, how to undo it (`rollbackInstructions`, `rollback()`), and
 * why it stopped (`error`). Throws only for invalid options (INVALID_ARGUMENT), before any step.
 */
export async function installTlsOverSsh(
  options: TlsInstallOptions,
  onStep?: (step: TlsInstallStep) => void,
  dependencies: Partial<TlsInstallDependencies> = {},
): Promise<TlsInstallResult> {
  const deps: TlsInstallDependencies = { ...defaultDependencies, ...dependencies };
  const settings = resolveOptions(options);
  const { signal } = options;
  const log = new StepLog(tlsInstallSteps, onStep);
  const target = `${options.ssh.transport.user}@${formatHostPort(options.ssh.transport.host, options.ssh.transport.port)}`;
  const changes: TlsInstallChanges = {
    target,
    daemonJson: undefined,
    certificateFiles: [],
    createdDirectories: [],
    systemdDropIn: undefined,
    restarted: false,
    restartCommand: settings.restartCommand,
    daemonReloadCommand: settings.daemonReloadCommand,
  };
  const stamp = backupStamp(deps.now());
  let remote: RemoteHost | undefined;
  let findings: PreflightFindings | undefined;
  let daemon: TlsHostVerification | undefined;
  let error: BerthError | undefined;

  const step = async (id: TlsInstallStepId, run: (handle: StepHandle) => Promise<'done' | 'skipped'>): Promise<void> => {
    const handle = log.start(id);
    try {
      if (signal?.aborted) throw cancelledError();
      if ((await run(handle)) === 'done') handle.done();
    } catch (thrown) {
      const failure = asBerthError(thrown);
      handle.failed(failure);
      throw failure;
    }
  };

  try {
    await step('preflight', async (handle) => {
      checkCertificates(options.certificates, settings.clientHost, handle);
      remote = await deps.openRemoteHost(options.ssh);
      findings = await inspectHost(remote, settings, handle, signal);
      return 'done';
    });
    const host = remote!;
    const found = findings!;

    await step('upload', async (handle) => {
      const created = await host.mkdirp(settings.remoteDir, 0o755);
      changes.createdDirectories.push(...created);
      if (created.length > 0) handle.line(`created ${created.join(', ')}`);
      for (const file of settings.files) {
        const backupPath = found.existingFiles.has(file.name) ? await backupPathFor(host, file.path, stamp) : undefined;
        changes.certificateFiles.push({ path: file.path, backupPath });
        if (backupPath !== undefined) await host.copy(file.path, backupPath);
        await host.writeFileAtomic(file.path, file.content, file.mode);
        handle.line(
          `${file.name} → ${file.path} (mode ${octal(file.mode)})${backupPath ? `; the previous one is kept as ${backupPath}` : ''}`,
        );
      }
      return 'done';
    });

    await step('daemon-json', async (handle) => {
      const { merge, daemonJson } = found;
      if (daemonJson.text === merge.text) {
        handle.skipped(`${settings.daemonJsonPath} already holds these settings; left as it is.`);
        return 'skipped';
      }
      const created = await host.mkdirp(path.dirname(settings.daemonJsonPath), 0o755);
      changes.createdDirectories.push(...created);
      const backupPath = daemonJson.exists ? await backupPathFor(host, settings.daemonJsonPath, stamp) : undefined;
      changes.daemonJson = { path: settings.daemonJsonPath, backupPath };
      if (backupPath !== undefined) {
        await host.copy(settings.daemonJsonPath, backupPath);
        handle.line(`kept the previous file as ${backupPath}`);
      }
      await host.writeFileAtomic(settings.daemonJsonPath, merge.text, daemonJson.mode);
      for (const change of merge.changes) handle.line(change);
      handle.line(`${settings.daemonJsonPath} now reads:`);
      handle.append(merge.text);
      return 'done';
    });

    await step('systemd', async (handle) => {
      const { dropIn } = found;
      if (dropIn === undefined) {
        handle.skipped(
          settings.useSystemdDropIn === 'no'
            ? 'Turned off: make sure the service manager does not pass -H or --tls flags to dockerd, or it will refuse to start.'
            : 'Not needed: the host does not run docker.service under systemd.',
        );
        return 'skipped';
      }
      const created = await host.mkdirp(path.dirname(settings.systemdDropInPath), 0o755);
      changes.createdDirectories.push(...created);
      const existing = await host.stat(settings.systemdDropInPath);
      const backupPath = existing ? await backupPathFor(host, settings.systemdDropInPath, stamp) : undefined;
      changes.systemdDropIn = { path: settings.systemdDropInPath, backupPath };
      if (backupPath !== undefined) await host.copy(settings.systemdDropInPath, backupPath);
      await host.writeFileAtomic(settings.systemdDropInPath, dropIn.text, 0o644);
      handle.line(`wrote ${settings.systemdDropInPath}${backupPath ? ` (the previous one is kept as ${backupPath})` : ''}:`);
      handle.append(dropIn.text);
      await runChecked(host, settings.daemonReloadCommand, handle, {
        timeoutMs: settings.commandTimeoutMs,
        signal,
        what: 'make systemd read the drop-in',
      });
      return 'done';
    });

    await step('restart', async (handle) => {
      changes.restarted = true;
      await runChecked(host, settings.restartCommand, handle, {
        timeoutMs: settings.commandTimeoutMs,
        signal,
        what: 'restart Docker with the new configuration',
        advice:
          'Find out why dockerd did not start (journalctl -u docker, or the daemon log), then fix it and run the install again, or roll back to the previous configuration.',
      });
      return 'done';
    });

    // The SSH connection is not needed any more: close it before the (possibly long) wait.
    await host.dispose();
    remote = undefined;

    await step('wait', async (handle) => {
      let lastCode: string | undefined;
      handle.line(`connecting to tcp://${formatHostPort(settings.clientHost, settings.port)} with the new client certificate`);
      daemon = await waitForTlsDaemon(
        {
          host: settings.clientHost,
          port: settings.port,
          ca: options.certificates.caCert,
          cert: options.certificates.clientCert,
          key: options.certificates.clientKey,
          timeoutMs: settings.waitTimeoutMs,
          ...(signal ? { signal } : {}),
          onAttempt: (attempt, attemptError) => {
            if (attemptError.code !== lastCode) handle.line(`attempt ${attempt}: ${attemptError.code} (still waiting)`);
            lastCode = attemptError.code;
          },
        },
        { verify: deps.verifyTlsHost, sleep: deps.sleep, now: () => deps.now().getTime() },
      );
      const certificate = daemon.serverCertificate;
      handle.line(
        `Docker ${daemon.serverVersion} (API ${daemon.apiVersion}) answers over ${daemon.protocol ?? 'TLS'}; its certificate: ${certificate.subject}, valid until ${certificate.notAfter}, names ${certificate.sans.map(formatSan).join(', ')}`,
      );
      return 'done';
    });
  } catch (thrown) {
    error = asBerthError(thrown);
  } finally {
    await remote?.dispose().catch(() => undefined);
  }

  const changed = hasChanges(changes) ? changes : undefined;
  const result: TlsInstallResult = {
    outcome: error === undefined ? 'installed' : error.code === 'TLS_INSTALL_CANCELLED' ? 'cancelled' : 'failed',
    steps: log.all(),
    error,
    changes: changed,
    rollbackInstructions: rollbackInstructionsFor(changed),
    daemon,
    rollback: async (overrides = {}, onRollbackStep) => {
      if (changed === undefined) return { outcome: 'rolled-back', steps: [], error: undefined };
      return rollbackTlsInstall(changed, { ssh: options.ssh, commandTimeoutMs: settings.commandTimeoutMs, ...overrides }, onRollbackStep, {
        openRemoteHost: deps.openRemoteHost,
      });
    },
  };
  return result;
}

function asBerthError(error: unknown): BerthError {
  if (isBerthError(error)) return error;
  return new BerthError(
    'INTERNAL',
    `The install failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. This is a bug in Berth; please report it.`,
    {
      cause: error,
    },
  );
}

/** `20250102T030405Z`: sorts by time, safe in file names. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

async function backupPathFor(remote: RemoteHost, filePath: string, stamp: string): Promise<string> {
  const base = `${filePath}.berth-backup-${stamp}`;
  for (let index = 1; ; index++) {
    const candidate = index === 1 ? base : `${base}-${index}`;
    if ((await remote.stat(candidate)) === undefined) return candidate;
  }
}
