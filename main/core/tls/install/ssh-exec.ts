import type { ClientChannel, Client as SshClient } from 'ssh2';
import type { BerthError } from '../../errors.js';
import { type RemoteCommandOptions, type RemoteCommandResult, cancelledError } from './remote-host.js';

const OUTPUT_TAIL_BYTES = 64 * 1024;

/**
 * Runs one command on an exec channel of an open SSH connection: output streamed to `onOutput`
 * and kept (the tail of each stream), the exit status or signal, a deadline that abandons the
 * channel, and cancellation through the signal.
 */
export function execOverSsh(
  client: SshClient,
  command: string,
  options: RemoteCommandOptions,
  errorFor: (error: unknown) => BerthError,
): Promise<RemoteCommandResult> {
  const { signal, timeoutMs, onOutput } = options;
  return new Promise<RemoteCommandResult>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    let channel: ClientChannel | undefined;
    let settled = false;
    let exitCode: number | null = null;
    let exitSignal: string | undefined;
    let timedOut = false;
    const stdout = new OutputTail();
    const stderr = new OutputTail();
    const finish = (outcome: { error: BerthError } | { ok: true }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) reject(outcome.error);
      else resolve({ command, exitCode, signal: exitSignal, stdout: stdout.text(), stderr: stderr.text(), timedOut });
    };
    const abandon = (): void => {
      try {
        channel?.close();
      } catch {
        // already closed
      }
    };
    const onAbort = (): void => {
      abandon();
      finish({ error: cancelledError() });
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            abandon();
            finish({ ok: true });
          }, timeoutMs);
    try {
      client.exec(command, (error, stream) => {
        if (error) return finish({ error: errorFor(error) });
        channel = stream;
        if (settled) return abandon();
        stream.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          stdout.push(text);
          onOutput?.(text);
        });
        stream.stderr.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          stderr.push(text);
          onOutput?.(text);
        });
        stream.on('exit', (code: number | null, signalName?: string) => {
          exitCode = typeof code === 'number' ? code : null;
          exitSignal = signalName;
        });
        stream.on('error', (streamError: Error) => finish({ error: errorFor(streamError) }));
        stream.on('close', () => finish({ ok: true }));
      });
    } catch (error) {
      finish({ error: errorFor(error) });
    }
  });
}

/** Keeps the last OUTPUT_TAIL_BYTES characters of a stream. */
class OutputTail {
  private value = '';
  private dropped = false;
  push(text: string): void {
    this.value += text;
    if (this.value.length > OUTPUT_TAIL_BYTES) {
      this.value = this.value.slice(-OUTPUT_TAIL_BYTES);
      this.dropped = true;
    }
  }
  text(): string {
    return this.dropped ? `…${this.value}` : this.value;
  }
}
