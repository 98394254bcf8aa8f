import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { expandHome, loadPrivateKey, prepareAuth } from './ssh-auth.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string, passphrase: string, extra: string[] = []): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', file, ...extra]);
  return file;
}

const plainKey = keygen('plain', '');
const encryptedKey = keygen('encrypted', 'correct horse', ['-a', '4']);
const hop = (auth: Parameters<typeof prepareAuth>[0]['auth']) => ({ host: '127.0.0.1', port: 22, user: 'u', auth });

describe('loadPrivateKey', () => {
  it('reads an unencrypted key', async () => {
    const key = await loadPrivateKey(plainKey, undefined);
    expect(key.type).toBe('ssh-ed25519');
    expect(key.isPrivateKey()).toBe(true);
  });

  it('decrypts an encrypted key with its passphrase', async () => {
    const key = await loadPrivateKey(encryptedKey, 'correct horse');
    expect(key.isPrivateKey()).toBe(true);
  });

  it('asks for a passphrase only when the key needs one', async () => {
    const asked: string[] = [];
    await loadPrivateKey(plainKey, undefined, () => {
      asked.push('plain');
      return undefined;
    });
    const key = await loadPrivateKey(encryptedKey, undefined, async () => {
      asked.push('encrypted');
      return 'correct horse';
    });
    expect(key.isPrivateKey()).toBe(true);
    expect(asked).toEqual(['encrypted']);
  });

  it('requires a passphrase for an encrypted key', async () => {
    await expect(loadPrivateKey(encryptedKey, undefined)).rejects.toMatchObject({ code: 'SSH_KEY_PASSPHRASE_REQUIRED' });
    await expect(loadPrivateKey(encryptedKey, '', () => undefined)).rejects.toMatchObject({ code: 'SSH_KEY_PASSPHRASE_REQUIRED' });
  });

  it('reports a wrong passphrase without echoing it', async () => {
    const error = await loadPrivateKey(encryptedKey, 'hunter2-secret').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSH_KEY_PASSPHRASE_WRONG' });
    expect(String((error as Error).message)).not.toContain('hunter2-secret');
  });

  it('handles legacy PEM keys, encrypted or not', async () => {
    const pem = keygen('pem', 'pem pass', ['-m', 'PEM', '-t', 'rsa', '-b', '2048']);
    expect((await loadPrivateKey(pem, 'pem pass')).type).toBe('ssh-rsa');
    await expect(loadPrivateKey(pem, undefined)).rejects.toMatchObject({ code: 'SSH_KEY_PASSPHRASE_REQUIRED' });
    await expect(loadPrivateKey(pem, 'nope')).rejects.toMatchObject({ code: 'SSH_KEY_PASSPHRASE_WRONG' });
  });

  it('rejects files that are not private keys', async () => {
    await expect(loadPrivateKey(`${plainKey}.pub`, undefined)).rejects.toMatchObject({
      code: 'SSH_KEY_INVALID',
      message: expect.stringContaining('public key'),
    });
    const garbage = join(dir, 'garbage');
    writeFileSync(garbage, 'this is not a key\n');
    await expect(loadPrivateKey(garbage, undefined)).rejects.toMatchObject({ code: 'SSH_KEY_INVALID' });
  });

  it('reports missing, unreadable and directory paths as FILE_UNREADABLE', async () => {
    await expect(loadPrivateKey(join(dir, 'missing'), undefined)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('it does not exist'),
    });
    await expect(loadPrivateKey(dir, undefined)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('directory'),
    });
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      writeFileSync(locked, 'x');
      chmodSync(locked, 0);
      await expect(loadPrivateKey(locked, undefined)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    }
  });
});

describe('prepareAuth', () => {
  it('expands ~/ in key paths', () => {
    expect(expandHome('~/.ssh/id_ed25519')).toBe(join(homedir(), '.ssh/id_ed25519'));
    expect(expandHome('/abs/key')).toBe('/abs/key');
  });

  it('builds publickey and password methods', async () => {
    const key = await prepareAuth(hop({ method: 'key', keyPath: plainKey }));
    expect(key.method).toMatchObject({ type: 'publickey', username: 'u' });
    expect(key.credentialPath).toBe(plainKey);
    const password = await prepareAuth(hop({ method: 'password', password: 'pw' }));
    expect(password.method).toEqual({ type: 'password', username: 'u', password: 'pw' });
  });

  it('asks passphraseFor with the key path and hop', async () => {
    const seen: string[] = [];
    await prepareAuth(hop({ method: 'key', keyPath: encryptedKey }), (path, h) => {
      seen.push(`${path}|${h.user}`);
      return 'correct horse';
    });
    expect(seen).toEqual([`${encryptedKey}|u`]);
  });

  it('needs an agent socket that exists', async () => {
    const saved = process.env['SSH_AUTH_SOCK'];
    delete process.env['SSH_AUTH_SOCK'];
    try {
      await expect(prepareAuth(hop({ method: 'agent' }))).rejects.toMatchObject({
        code: 'SSH_AGENT_UNAVAILABLE',
        message: expect.stringContaining('SSH_AUTH_SOCK'),
      });
    } finally {
      if (saved !== undefined) process.env['SSH_AUTH_SOCK'] = saved;
    }
    await expect(prepareAuth(hop({ method: 'agent', agentSocket: join(dir, 'no-agent.sock') }))).rejects.toMatchObject({
      code: 'SSH_AGENT_UNAVAILABLE',
    });
    await expect(prepareAuth(hop({ method: 'agent', agentSocket: plainKey }))).rejects.toMatchObject({ code: 'SSH_AGENT_UNAVAILABLE' });

    const path = join(dir, 'agent.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const agent = await prepareAuth(hop({ method: 'agent', agentSocket: path }));
      expect(agent.method).toEqual({ type: 'agent', username: 'u', agent: path });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
