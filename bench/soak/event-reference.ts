import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** An event as both sides must agree on it. */
export const eventIdentity = (timeNano: number, type: string, action: string, id: string) => `${timeNano} ${type} ${action} ${id}`;

export interface EventReference {
  /** Stops the CLI (after giving it `graceMs` to print what it has) and reads the events in [sinceS, untilS] (seconds, inclusive). */
  read(untilS: number, graceMs?: number): Promise<string[]>;
}

/**
 * `docker events --since T` of the daemon, run from the start: dockerd keeps only its last 256
 * events for a later `--since` replay, so over a long run the CLI must listen live. Its output goes
 * to a file, not this process's heap (the bench measures that heap).
 */
export function recordDockerEvents(dockerArgs: readonly string[], sinceS: number, file: string): EventReference {
  const out = openSync(file, 'w');
  const child = spawn('docker', [...dockerArgs, 'events', '--since', String(sinceS), '--format', '{{json .}}'], {
    stdio: ['ignore', out, 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    async read(untilS, graceMs = 3_000) {
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      if (child.exitCode !== null) throw new Error(`docker events stopped early (${child.exitCode}): ${stderr}`);
      child.kill('SIGTERM');
      await exited;
      closeSync(out);
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { timeNano: number; Type: string; Action: string; Actor: { ID: string } })
        .filter((event) => event.timeNano >= sinceS * 1e9 && event.timeNano <= untilS * 1e9)
        .map((event) => eventIdentity(event.timeNano, event.Type, event.Action, event.Actor.ID));
    },
  };
}

/** What one list holds that the other does not, as multisets (order aside: a replay may interleave). */
export function difference(expected: readonly string[], actual: readonly string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const line of expected) counts.set(line, (counts.get(line) ?? 0) + 1);
  const extra: string[] = [];
  for (const line of actual) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else extra.push(line);
  }
  const missing = [...counts].flatMap(([line, left]) => Array.from({ length: left }, () => line));
  return { missing, extra };
}
