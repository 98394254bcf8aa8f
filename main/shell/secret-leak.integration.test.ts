import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { InvokeReply, WireServerMessage } from '../../shared/contract.js';
import type { ProfileDraft } from '../../shared/host-view.js';
import type { LabManifest } from '../../e2e/lab/manifest.js';
import { requireLab } from '../../e2e/support/lab-hosts.js';
import type { BerthService } from '../core/app/berth-service.js';
import { createAppService } from '../core/app/create-service.js';
import { formatCrashReport } from '../core/app/crash-report.js';
import { TempDirs } from '../../test-support/service-fakes.js';
import { type ShellServer, startShellServer } from './shell-server.js';
import { shellSocket } from '../../e2e/support/shell-socket.js';

/**
 * A whole browser-shell session with secrets (SSH passwords, key passphrases, pasted TLS keys, a
 * master passphrase), against the lab: drafts are tested, saved, listed, connected, refreshed and
 * retried, with good secrets that connect and distinctive wrong ones whose failures might echo
 * them; then Berth restarts on the same data directory and connects again from the vault. No
 * secret may appear in any frame the server sent, in any log line, in any file Berth wrote (only
 * ciphertext in the vault), or in a crash report.
 */
const scrypt = { N: 2 ** 12, r: 8, p: 1 };
const MASTER = 'BERTH-LEAK-master-passphrase-6a1f';
const NEW_MASTER = 'BERTH-LEAK-new-master-passphrase-0c4d';
const WRONG_SSH_PASSWORD = 'BERTH-LEAK-ssh-password-3f9c1e';
const WRONG_KEY_PASSPHRASE = 'BERTH-LEAK-key-passphrase-77b2';
const JUMP_PASSWORD = 'BERTH-LEAK-jump-password-d41a';
const URL_PASSWORD = 'BERTH-LEAK-url-password-90e3';
const BOGUS_PEM =
  '-----BEGIN PRIVATE KEY-----\nBERTHLEAKtlskeyBERTHLEAKtlskeyBERTHLEAK0123\nBERTHLEAKsecondLINEofTHEkey4567\n-----END PRIVATE KEY-----\n';

let lab: LabManifest;
let labPem: string;
const temp = new TempDirs();
let dataDir: string;
let rendererDir: string;

/** Everything the server sent, as raw text. */
const serverFrames: string[] = [];
/** Everything written to the console, stdout and stderr during the session. */
const logs: string[] = [];
const restores: Array<() => void> = [];

function secrets(): string[] {
  return [
    lab.ssh.password,
    lab.ssh.keyPassphrase,
    labPem,
    MASTER,
    NEW_MASTER,
    WRONG_SSH_PASSWORD,
    WRONG_KEY_PASSPHRASE,
    JUMP_PASSWORD,
    URL_PASSWORD,
    BOGUS_PEM,
  ];
}

/** The needles a secret is searched by: itself, each line of a PEM, and their base64 and JSON-escaped forms. */
function needles(secret: string): string[] {
  const parts = secret.includes('\n') ? secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')) : [secret];
  return parts.flatMap((part) => [part, JSON.stringify(part).slice(1, -1), Buffer.from(part).toString('base64').slice(0, 20)]);
}

function expectNoSecrets(where: string, text: string | Buffer): void {
  const haystack = Buffer.isBuffer(text) ? text.toString('latin1') : text;
  for (const secret of secrets()) {
    for (const needle of needles(secret)) {
      if (haystack.includes(needle)) throw new Error(`${where} holds a secret (${needle.slice(0, 12)}…)`);
    }
  }
  expect(haystack).not.toMatch(/BERTH-?LEAK/);
}

function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => (stream.write = original));
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(format(...args)));
    restores.push(() => spy.mockRestore());
  }
}

beforeAll(() => {
  lab = requireLab();
  labPem = readFileSync(lab.tls.keyPath, 'utf8');
  dataDir = temp.make('berth-leak-data-');
  copyFileSync(lab.ssh.knownHostsPath, path.join(dataDir, 'known_hosts'));
  rendererDir = temp.make('berth-leak-renderer-');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  captureOutput();
});

afterAll(() => {
  for (const restore of restores.splice(0).reverse()) restore();
  temp.cleanup();
});

async function startBerth(passphrase: string): Promise<{ service: BerthService; server: ShellServer; client: Client }> {
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-leak',
    useUserKnownHosts: false,
    secretsPassphrase: passphrase,
    secretsScrypt: scrypt,
    testHooks: {
      connections: { backoff: { initialMs: 200, maxMs: 1_000, random: Math.random } },
      testTimeoutMs: 10_000,
    },
  });
  const server = await startShellServer({ service, rendererDir, port: 0 });
  const client = await Client.open(server);
  return { service, server, client };
}

class Client {
  private nextId = 1;
  readonly messages: WireServerMessage[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = String(data);
      serverFrames.push(text);
      this.messages.push(JSON.parse(text) as WireServerMessage);
    });
  }

  static open(server: ShellServer): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = shellSocket(server);
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  async invoke(channel: string, input: unknown): Promise<InvokeReply<never>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, type: 'invoke', channel, input }));
    return vi.waitFor(
      () => {
        const reply = this.messages.find((message) => message.type === 'reply' && message.id === id);
        if (!reply || reply.type !== 'reply') throw new Error('no reply yet');
        return reply.reply as InvokeReply<never>;
      },
      { timeout: 30_000, interval: 20 },
    );
  }

  status(hostId: string): { state: string; error?: { code: string } } | undefined {
    const pushes = this.messages.filter(
      (message) => message.type === 'push' && message.channel === 'host:status' && message.payload.hostId === hostId,
    );
    const last = pushes.at(-1);
    return last?.type === 'push' && last.channel === 'host:status'
      ? (last.payload.status as { state: string; error?: { code: string } })
      : undefined;
  }

  async waitForState(hostId: string, state: string, code?: string): Promise<void> {
    await vi.waitFor(
      () => {
        const status = this.status(hostId);
        expect(status?.state).toBe(state);
        if (code) expect(status?.error?.code).toBe(code);
      },
      { timeout: 45_000, interval: 50 },
    );
  }
}

function drafts(): Record<string, ProfileDraft> {
  const ssh = lab.daemons.ssh.transport;
  const tls = lab.daemons.tls.transport;
  const sshBase = { type: 'ssh' as const, host: ssh.host, port: ssh.port, user: ssh.user, remoteSocket: ssh.remoteSocket };
  return {
    'ssh-password': {
      id: 'ssh-password',
      name: 'ssh password',
      tags: [],
      transport: { ...sshBase, auth: { method: 'password', password: lab.ssh.password } },
    },
    'ssh-passphrase': {
      id: 'ssh-passphrase',
      name: 'ssh passphrase',
      tags: [],
      transport: { ...sshBase, auth: { method: 'key', keyPath: lab.ssh.encryptedKeyPath, passphrase: lab.ssh.keyPassphrase } },
    },
    'tls-pasted': { id: 'tls-pasted', name: 'tls pasted key', tags: [], transport: { ...tls, key: { kind: 'pem', pem: labPem } } },
    'ssh-wrong-password': {
      id: 'ssh-wrong-password',
      name: 'ssh wrong password',
      tags: [],
      transport: { ...sshBase, auth: { method: 'password', password: WRONG_SSH_PASSWORD } },
    },
    'ssh-wrong-passphrase': {
      id: 'ssh-wrong-passphrase',
      name: 'ssh wrong passphrase',
      tags: [],
      transport: { ...sshBase, auth: { method: 'key', keyPath: lab.ssh.encryptedKeyPath, passphrase: WRONG_KEY_PASSPHRASE } },
    },
    'tls-bogus-key': { id: 'tls-bogus-key', name: 'tls bogus key', tags: [], transport: { ...tls, key: { kind: 'pem', pem: BOGUS_PEM } } },
    'ssh-jump': {
      id: 'ssh-jump',
      name: 'ssh behind a jump host',
      tags: [],
      transport: {
        ...sshBase,
        auth: { method: 'password', password: lab.ssh.password },
        jumpHosts: [{ host: '127.0.0.1', port: 1, user: 'jump', auth: { method: 'password', password: JUMP_PASSWORD } }],
      },
    },
  };
}

describe('secrets never leave Berth', () => {
  it('a session with passwords, passphrases and pasted keys leaks none of them to the renderer, the logs, the files or a crash report', async () => {
    let { service, server, client } = await startBerth(MASTER);
    client.socket.send(JSON.stringify({ type: 'ready' }));
    const all = drafts();

    // Test each draft first (nothing stored yet).
    expect(await client.invoke('hosts:test', { draft: all['ssh-password'] })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:test', { draft: all['ssh-passphrase'] })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:test', { draft: all['tls-pasted'] })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:test', { draft: all['ssh-wrong-password'] })).toMatchObject({
      ok: false,
      error: { code: 'SSH_AUTH_FAILED' },
    });
    expect(await client.invoke('hosts:test', { draft: all['ssh-wrong-passphrase'] })).toMatchObject({
      ok: false,
      error: { code: 'SSH_KEY_PASSPHRASE_WRONG' },
    });
    expect(await client.invoke('hosts:test', { draft: all['tls-bogus-key'] })).toMatchObject({
      ok: false,
      error: { code: 'TLS_INVALID_PEM' },
    });
    expect(await client.invoke('hosts:test', { draft: all['ssh-jump'] })).toMatchObject({ ok: false });
    // Inputs that fail validation, and a URL with a password in it.
    expect(await client.invoke('hosts:save', { draft: { ...all['ssh-wrong-password'], name: '' } })).toMatchObject({ ok: false });
    expect(await client.invoke('endpoint:parse', { url: `ssh://deploy:${URL_PASSWORD}@` })).toMatchObject({ ok: false });
    expect(await client.invoke('endpoint:parse', { url: `tcp://deploy:${URL_PASSWORD}@127.0.0.1:2375` })).toMatchObject({ ok: true });
    expect(await client.invoke('endpoint:parse', { url: `gopher://deploy:${URL_PASSWORD}@127.0.0.1` })).toMatchObject({ ok: false });

    // Save all, connect, list, refresh, retry.
    for (const draft of Object.values(all)) expect(await client.invoke('hosts:save', { draft })).toMatchObject({ ok: true });
    await client.waitForState('ssh-password', 'ready');
    await client.waitForState('ssh-passphrase', 'ready');
    await client.waitForState('tls-pasted', 'ready');
    await client.waitForState('ssh-wrong-password', 'failed', 'SSH_AUTH_FAILED');
    await client.waitForState('ssh-wrong-passphrase', 'failed', 'SSH_KEY_PASSPHRASE_WRONG');
    await client.waitForState('tls-bogus-key', 'failed', 'TLS_INVALID_PEM');
    expect(await client.invoke('hosts:list', {})).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:refresh', { hostId: 'tls-pasted' })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:snapshot', { hostId: 'ssh-passphrase' })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:retry', { hostId: 'ssh-wrong-password' })).toMatchObject({ ok: true });
    await client.waitForState('ssh-wrong-password', 'failed', 'SSH_AUTH_FAILED');
    // Re-save keeping the stored secret (empty password), and test with the stored one.
    const saved = all['ssh-password']!;
    const keep = { ...saved, transport: { ...saved.transport, auth: { method: 'password', password: '' } } } as ProfileDraft;
    expect(await client.invoke('hosts:test', { draft: keep })).toMatchObject({ ok: true });
    expect(await client.invoke('hosts:save', { draft: keep })).toMatchObject({ ok: true });
    // The master passphrase: a wrong one, a change.
    expect(await client.invoke('secrets:unlock', { passphrase: `${MASTER}-wrong` })).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_PASSPHRASE_WRONG' },
    });
    expect(await client.invoke('secrets:unlock', { passphrase: MASTER })).toMatchObject({ ok: true });
    expect(
      await client.invoke('secrets:set-master-passphrase', { passphrase: NEW_MASTER, currentPassphrase: `${MASTER}-wrong` }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_PASSPHRASE_WRONG' },
    });
    expect(await client.invoke('secrets:set-master-passphrase', { passphrase: NEW_MASTER, currentPassphrase: MASTER })).toMatchObject({
      ok: true,
    });
    expect(await client.invoke('app:info', {})).toMatchObject({
      ok: true,
      value: { secretStorage: 'passphrase', masterPassphrase: 'unlocked' },
    });

    // A crash report written now, as serve-cli's handler writes it (the secrets the service holds,
    // plus the passphrase the shell started with), of an error that quotes every one of them.
    const held = [lab.ssh.password, lab.ssh.keyPassphrase, labPem, WRONG_SSH_PASSWORD, WRONG_KEY_PASSPHRASE, JUMP_PASSWORD, BOGUS_PEM];
    const bug = new Error(`bug while holding ${held.join(' ')} at ssh://deploy:${URL_PASSWORD}@edge with ${MASTER}`, {
      cause: new Error(`inner: ${labPem}`),
    });
    const crashReport = formatCrashReport('uncaught exception', bug, [...service.secretsForScrubbing(), MASTER], {
      app: 'berth serve',
      version: '0',
      shell: 'browser',
    });

    // Restart on the same data directory: the vault opens with the new passphrase and the hosts connect again.
    client.socket.terminate();
    await server.close();
    await service.dispose();
    await expect(
      createAppService({
        dataDir,
        shell: 'browser',
        version: '0',
        useUserKnownHosts: false,
        secretsPassphrase: MASTER,
        secretsScrypt: scrypt,
      }),
    ).rejects.toMatchObject({
      code: 'SECRETS_PASSPHRASE_WRONG',
    });
    ({ service, server, client } = await startBerth(NEW_MASTER));
    client.socket.send(JSON.stringify({ type: 'ready' }));
    await client.waitForState('ssh-password', 'ready');
    await client.waitForState('ssh-passphrase', 'ready');
    await client.waitForState('tls-pasted', 'ready');
    await client.waitForState('ssh-wrong-password', 'failed', 'SSH_AUTH_FAILED');
    expect(await client.invoke('hosts:list', {})).toMatchObject({ ok: true });
    for (const hostId of Object.keys(all)) expect(await client.invoke('hosts:remove', { hostId })).toEqual({ ok: true, value: null });
    client.socket.terminate();
    await server.close();
    await service.dispose();

    // The evidence.
    expect(serverFrames.length).toBeGreaterThan(50);
    expectNoSecrets('a frame sent to the renderer', serverFrames.join('\n'));
    expect(serverFrames.join('\n')).toContain('"hasPassword":true');
    expect(serverFrames.join('\n')).toContain('"kind":"stored"');
    expectNoSecrets('the logs', logs.join(''));
    expectNoSecrets('the crash report', crashReport);
    expect(crashReport).toContain('bug while holding [secret]');
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(dataDir, name)).isFile());
    expect(files).toContain('profiles.json');
    expect(files).toContain('secrets-vault.json');
    for (const file of files) expectNoSecrets(file, readFileSync(path.join(dataDir, file)));
    const vault = JSON.parse(readFileSync(path.join(dataDir, 'secrets-vault.json'), 'utf8')) as {
      secrets: Record<string, string>;
      kdf: object;
    };
    expect(vault.kdf).toMatchObject({ algorithm: 'scrypt' });
    for (const sealed of Object.values(vault.secrets)) expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
  }, 240_000);
});
