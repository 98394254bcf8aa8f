// Helpers shared by the TLS tests (not a test file itself).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CertificateSet } from '../main/core/tls/generate-certificate-set.js';
import { certificateSetFileNames } from '../main/core/tls/certificate-set-writer.js';

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the openssl CLI (a test-only dependency: Berth itself never needs it). */
export function openssl(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CommandResult {
  const result = spawnSync('openssl', args, { encoding: 'utf8', cwd: options.cwd, input: options.input, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function makeTempDir(prefix = 'berth-tls-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes the set with plain writeFileSync (no modes, no checks) for tools to read. */
export function dumpSet(dir: string, set: CertificateSet): void {
  for (const [part, name] of Object.entries(certificateSetFileNames))
    writeFileSync(path.join(dir, name), set[part as keyof CertificateSet]);
}
