import path from 'node:path/posix';
import { BerthError, isBerthError } from '../../errors.js';
import {
  type ChangedFile,
  type RollbackInstructions,
  type TlsInstallChanges,
  type TlsRollbackOverrides,
  type TlsRollbackResult,
  type TlsRollbackStep,
  tlsRollbackSteps,
} from './install-types.js';
import { singleQuote } from '../../shell-quote.js';
import type { RemoteHost } from './remote-host.js';
import { runChecked } from './run-checked.js';
import { type InstallSshOptions, openSshRemoteHost } from './ssh-remote-host.js';
import { StepLog } from './step-log.js';

export interface TlsRollbackOptions extends TlsRollbackOverrides {
  ssh: InstallSshOptions;
  commandTimeoutMs?: number;
}

export interface RollbackDependencies {
  openRemoteHost(ssh: InstallSshOptions): Promise<RemoteHost>;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

/** What to run on the host to undo `changes` by hand. */
export function rollbackInstructionsFor(changes: TlsInstallChanges | undefined): RollbackInstructions {
  if (changes === undefined || !hasChanges(changes)) {
    return { summary: 'Nothing was changed on the host, so there is nothing to roll back.', commands: [] };
  }
  const commands: string[] = [];
  if (changes.daemonJson) commands.push(restoreCommand(changes.daemonJson));
  if (changes.systemdDropIn) commands.push(restoreCommand(changes.systemdDropIn));
  for (const file of changes.certificateFiles) commands.push(restoreCommand(file));
  // Deepest first, once every file the install put in them is gone.
  for (const directory of [...changes.createdDirectories].reverse()) commands.push(`rmdir ${singleQuote(directory)}`);
  if (changes.systemdDropIn) commands.push(changes.daemonReloadCommand);
  if (changes.restarted) commands.push(changes.restartCommand);
  return {
    summary: `To return ${changes.target} to its previous Docker configuration, use Roll back, or run these commands there (as a user who may change the Docker configuration):`,
    commands,
  };
}

function restoreCommand(file: ChangedFile): string {
  return file.backupPath === undefined
    ? `rm -f ${singleQuote(file.path)}`
    : `cp -p ${singleQuote(file.backupPath)} ${singleQuote(file.path)}`;
}

export function hasChanges(changes: TlsInstallChanges): boolean {
  return (
    changes.daemonJson !== undefined ||
    changes.certificateFiles.length > 0 ||
    changes.createdDirectories.length > 0 ||
    changes.systemdDropIn !== undefined ||
    changes.restarted
  );
}

/**
 * Undoes an install over one new SSH connection: puts daemon.json, the drop-in and the certificate
 * files back as they were (from their backups, or removes what the install created), reloads
 * systemd if the drop-in changed, and restarts Docker if the install had. Carries on past a failed
 * step, so as much as possible is restored; the first failure is returned.
 */
export async function rollbackTlsInstall(
  changes: TlsInstallChanges,
  options: TlsRollbackOptions,
  onStep?: (step: TlsRollbackStep) => void,
  dependencies?: RollbackDependencies,
): Promise<TlsRollbackResult> {
  const log = new StepLog(tlsRollbackSteps, onStep);
  const openRemoteHost = dependencies?.openRemoteHost ?? openSshRemoteHost;
  let firstError: BerthError | undefined;
  const fail = (error: unknown): BerthError => {
    const berthError = isBerthError(error)
      ? error
      : new BerthError('INTERNAL', `Rollback failed unexpectedly: ${String(error)}`, { cause: error });
    firstError ??= berthError;
    return berthError;
  };
  const cancelled = (): boolean => options.signal?.aborted === true;

  let remote: RemoteHost;
  const first = log.start('restore-daemon-json');
  try {
    remote = await openRemoteHost(options.ssh);
  } catch (error) {
    first.failed(fail(error));
    return { outcome: 'failed', steps: log.all(), error: firstError };
  }
  try {
    const restoreFile = async (file: ChangedFile, step: ReturnType<typeof log.start>): Promise<void> => {
      if (file.backupPath === undefined) {
        await remote.remove(file.path);
        step.line(`removed ${file.path} (the install created it)`);
        return;
      }
      const temporary = path.join(path.dirname(file.path), `.${path.basename(file.path)}.berth-restore`);
      await remote.remove(temporary);
      await remote.copy(file.backupPath, temporary);
      await remote.rename(temporary, file.path);
      step.line(`restored ${file.path} from ${file.backupPath}`);
    };

    // daemon.json
    if (changes.daemonJson) {
      try {
        await restoreFile(changes.daemonJson, first);
        first.done();
      } catch (error) {
        first.failed(fail(error));
      }
    } else first.skipped('The install did not change daemon.json.');

    // systemd drop-in
    const systemd = log.start('restore-systemd');
    if (cancelled()) return cancelledResult(log, systemd);
    if (changes.systemdDropIn === undefined) {
      systemd.skipped('The install did not write a systemd drop-in.');
    } else {
      try {
        await restoreFile(changes.systemdDropIn, systemd);
        await runChecked(remote, changes.daemonReloadCommand, systemd, {
          timeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
          signal: options.signal,
          what: 'reload systemd',
        });
        systemd.done();
      } catch (error) {
        systemd.failed(fail(error));
      }
    }

    // certificate files and the directories made for them
    const files = log.start('restore-files');
    if (cancelled()) return cancelledResult(log, files);
    if (changes.certificateFiles.length === 0 && changes.createdDirectories.length === 0) {
      files.skipped('The install wrote no certificate files.');
    } else {
      try {
        for (const file of changes.certificateFiles) await restoreFile(file, files);
        // Deepest first, after daemon.json and the drop-in: every file the install put in them is gone.
        for (const directory of [...changes.createdDirectories].reverse()) {
          try {
            await remote.removeDirectory(directory);
            files.line(`removed the directory ${directory}`);
          } catch (error) {
            // Something else lives there now (or it cannot be removed): harmless, so leave it.
            if (isBerthError(error) && error.code === 'CONNECTION_RESET') throw error;
            files.line(`left the directory ${directory} in place (${isBerthError(error) ? error.message : String(error)})`);
          }
        }
        files.done();
      } catch (error) {
        files.failed(fail(error));
      }
    }

    // restart
    const restart = log.start('restart');
    if (cancelled()) return cancelledResult(log, restart);
    if (!changes.restarted) {
      restart.skipped('Docker was not restarted by the install, so it still runs with the previous configuration.');
    } else {
      try {
        await runChecked(remote, options.restartCommand ?? changes.restartCommand, restart, {
          timeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
          signal: options.signal,
          what: 'restart Docker',
        });
        restart.done();
      } catch (error) {
        restart.failed(fail(error));
      }
    }
  } finally {
    await remote.dispose();
  }
  const outcome = firstError?.code === 'TLS_INSTALL_CANCELLED' ? 'cancelled' : firstError ? 'failed' : 'rolled-back';
  return { outcome, steps: log.all(), error: firstError };
}

function cancelledResult(
  log: StepLog<TlsRollbackStep['id']>,
  step: ReturnType<StepLog<TlsRollbackStep['id']>['start']>,
): TlsRollbackResult {
  const error = new BerthError('TLS_INSTALL_CANCELLED', 'The rollback was cancelled; the steps before this one were done.');
  step.failed(error);
  return { outcome: 'cancelled', steps: log.all(), error };
}
