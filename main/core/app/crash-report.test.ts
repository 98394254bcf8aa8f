import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CRASH_FIELD_LIMIT, formatCrashReport, installCrashHandler, scrubCrashText } from './crash-report.js';
import { TempDirs } from '../../../test-support/service-fakes.js';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const meta = { app: 'Berth', version: '1.2.3', shell: 'browser' } as const;
const PASSWORD = 'MARKER-crash-password-77aa';
const PASSPHRASE = 'MARKER-crash-passphrase-1b';
const PEM_BODY = 'MARKERpemLINEMARKERpemLINEMARKERpem0123456789';
const PEM = `-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;

describe('the crash report', () => {
  it('scrubs held secrets, PEM private keys, URL credentials and key=value secrets from message, stack and causes', () => {
    const cause = new Error(`ssh2 said: bad key ${PEM} and passphrase=${PASSPHRASE}`);
    const error = new Error(`connecting ssh://deploy:${PASSWORD}@edge.example failed (password: ${PASSWORD})`, { cause });
    error.stack = `Error: ${error.message}\n    at connect (file:///berth/main/core/ssh/ssh-connection.ts:10:5) ${PASSWORD}`;
    const report = formatCrashReport('uncaught exception', error, [PASSWORD], meta, new Date('2026-01-02T03:04:05Z'));
    for (const secret of [PASSWORD, PASSPHRASE, PEM_BODY, 'MARKER']) expect(report).not.toContain(secret);
    expect(report).toContain('Berth crash report');
    expect(report).toContain('time: 2026-01-02T03:04:05.000Z');
    expect(report).toContain('what: uncaught exception');
    expect(report).toContain('ssh://deploy:[secret]@edge.example');
    expect(report).toContain('[private key]');
    expect(report).toContain('cause: Error: ssh2 said');
    expect(report).toContain('at connect (file:///berth/main/core/ssh/ssh-connection.ts:10:5)');
  });

  it('scrubs before it cuts long fields, so a secret crossing the cut leaves no prefix behind', () => {
    for (const [secret, secrets] of [
      [PASSWORD, [PASSWORD]],
      [`password=${PASSWORD}`, []],
      [PEM, []],
    ] as const) {
      // Filler that no scrubbing rule touches, ending a few characters into the secret at the cut.
      const filler = 'a '.repeat(CRASH_FIELD_LIMIT).slice(0, CRASH_FIELD_LIMIT - 12);
      const error = new Error(`${filler}${secret} and more`);
      error.stack = `Error: x\n    at f (${filler}${secret})`;
      const report = formatCrashReport('uncaught exception', error, secrets, meta);
      expect(report).not.toContain(PASSWORD.slice(0, 8));
      expect(report).not.toContain('MARKER');
      expect(report).not.toContain('-----BEGIN');
      expect(report).toMatch(/more characters\)/);
    }
  });

  it('describes thrown non-errors and survives hostile values', () => {
    expect(formatCrashReport('unhandled rejection', `token=${PASSWORD}`, [], meta)).toContain('(string) token=[secret]');
    const hostile = new Error('boom');
    Object.defineProperty(hostile, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(formatCrashReport('uncaught exception', hostile, [], meta)).toContain('cannot be described');
    expect(scrubCrashText('http://127.0.0.1:8080/a@b', [])).toBe('http://127.0.0.1:8080/a@b');
  });

  it('on an uncaught exception or unhandled rejection: writes the scrubbed report to stderr and a 0600 file, then exits', () => {
    const dir = path.join(temp.make(), 'crash-reports');
    const target = new EventEmitter();
    const written: string[] = [];
    const exit = vi.fn();
    const dispose = installCrashHandler({ meta, secrets: () => [PASSWORD], dir, write: (text) => written.push(text), exit, target });
    target.emit('uncaughtException', new Error(`failed with ${PASSWORD}`), 'uncaughtException');
    expect(exit).toHaveBeenCalledWith(70);
    expect(written.join('')).not.toContain(PASSWORD);
    expect(written.join('')).toContain('failed with [secret]');
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^crash-.*\.txt$/);
    expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, file!), 'utf8')).not.toContain(PASSWORD);
    expect(written.join('')).toContain(`saved as ${path.join(dir, file!)}`);
    dispose();
    expect(target.listenerCount('uncaughtException')).toBe(0);

    const rejections = new EventEmitter();
    const out: string[] = [];
    installCrashHandler({ meta, secrets: () => [], write: (text) => out.push(text), exit: vi.fn(), target: rejections });
    rejections.emit('unhandledRejection', new Error(`rejected, passphrase: ${PASSPHRASE}`));
    expect(out.join('')).toContain('what: unhandled rejection');
    expect(out.join('')).not.toContain(PASSPHRASE);
  });

  it('a real process that crashes after saving hosts with secrets prints a report without them', async () => {
    const dir = temp.make();
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = path.join(dir, 'crash.mts');
    writeFileSync(
      script,
      `
import { createAppService } from ${JSON.stringify(pathToFileURL(path.join(here, 'create-service.ts')).href)};
import { installCrashHandler } from ${JSON.stringify(pathToFileURL(path.join(here, 'crash-report.ts')).href)};
const service = await createAppService({ dataDir: ${JSON.stringify(path.join(dir, 'data'))}, shell: 'browser', version: '0', useUserKnownHosts: false });
installCrashHandler({ meta: { app: 'berth serve', version: '0', shell: 'browser' }, secrets: () => service.secretsForScrubbing(), dir: ${JSON.stringify(path.join(dir, 'crashes'))} });
await service.invoke('hosts:save', { draft: { id: 'ssh-1', name: 'ssh', tags: [], transport: { type: 'ssh', host: '127.0.0.1', port: 1, user: 'u', auth: { method: 'password', password: ${JSON.stringify(PASSWORD)} } } } });
setTimeout(() => { throw new Error('a bug that holds ' + ${JSON.stringify(PASSWORD)}); }, 10);
`,
    );
    const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script],
        { cwd: path.resolve(here, '../../..'), timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(70);
    expect(result.stderr).toContain('Berth crash report');
    expect(result.stderr).toContain('a bug that holds [secret]');
    expect(result.stderr + result.stdout).not.toContain(PASSWORD);
    const [file] = readdirSync(path.join(dir, 'crashes'));
    expect(readFileSync(path.join(dir, 'crashes', file!), 'utf8')).not.toContain(PASSWORD);
  }, 40_000);
});
