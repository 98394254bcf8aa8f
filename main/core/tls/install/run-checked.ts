import { BerthError } from '../../errors.js';
import type { RemoteCommandResult, RemoteHost } from './remote-host.js';
import type { StepHandle } from './step-log.js';

export interface RunCheckedOptions {
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** For the message: "restart Docker", "reload systemd". */
  what: string;
  /** What to do when the command fails, after the generic advice. */
  advice?: string;
}

/**
 * Runs an operator-visible command over SSH, streaming its output into the step, and fails with
 * TLS_INSTALL_COMMAND_FAILED (exit status, and what to do) unless it exits 0.
 */
export async function runChecked(
  remote: RemoteHost,
  command: string,
  step: StepHandle,
  options: RunCheckedOptions,
): Promise<RemoteCommandResult> {
  step.line(`$ ${command}`);
  let endsWithNewline = true;
  const result = await remote.exec(command, {
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    onOutput: (text) => {
      endsWithNewline = text.endsWith('\n');
      step.append(text);
    },
  });
  if (!endsWithNewline) step.append('\n');
  if (result.timedOut) {
    step.line(`(no result after ${Math.round(options.timeoutMs / 1000)} s; Berth stopped waiting)`);
    throw new BerthError(
      'TLS_INSTALL_COMMAND_FAILED',
      `\`${command}\` did not finish within ${Math.round(options.timeoutMs / 1000)} s on ${remote.target}, so Berth could not ${options.what}. Check the host (is it still running the command?)${options.advice ? `; ${options.advice}` : ''}.`,
      { detail: { command, timedOut: true } },
    );
  }
  const status = result.exitCode === null ? `ended by signal ${result.signal ?? 'unknown'}` : `exit status ${result.exitCode}`;
  step.line(`(${status})`);
  if (result.exitCode === 0) return result;
  throw new BerthError(
    'TLS_INSTALL_COMMAND_FAILED',
    `\`${command}\` failed on ${remote.target} (${status}), so Berth could not ${options.what}. ${hintFor(result, remote.user)}${options.advice ? ` ${options.advice}` : ''}`,
    { detail: { command, exitCode: result.exitCode } },
  );
}

function hintFor(result: RemoteCommandResult, user: string): string {
  const output = `${result.stdout}\n${result.stderr}`;
  if (
    /interactive authentication required|access denied|permission denied|must be run as root|a password is required|not in the sudoers/i.test(
      output,
    )
  ) {
    return `${user} is not allowed to run it. Connect as root, or prefix it with "sudo -n" and allow ${user} to run it without a password.`;
  }
  if (result.exitCode === 127 || /command not found|not found/i.test(output)) {
    return 'The command was not found on the host: edit the command to the one that host uses (for example "service docker restart" without systemd).';
  }
  return 'Its output is shown in the step.';
}
