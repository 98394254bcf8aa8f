import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempDirs } from '../../../test-support/service-fakes.js';
import type { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const PASSWORD = 'ssh-password-kept-in-the-vault';
const cheapScrypt = { N: 2 ** 10, r: 8, p: 1 };

async function browserShell(dataDir: string) {
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    useUserKnownHosts: false,
    homeDir: dataDir,
    secretsScrypt: cheapScrypt,
  });
  services.push(service);
  return service;
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

describe('the browser shell offers the secret vault', () => {
  it('keeps secrets in memory until a master passphrase is set from the page, then seals them and asks for it on the next start', async () => {
    const dataDir = temp.make();
    const first = await browserShell(dataDir);
    expect(await ok(first.invoke('app:info', {}))).toMatchObject({ secretStorage: 'memory', masterPassphrase: 'not-set' });
    await ok(
      first.invoke('hosts:save', {
        draft: {
          id: 'ssh-1',
          name: 'ssh one',
          tags: [],
          transport: { type: 'ssh', host: '127.0.0.1', port: 1, user: 'deploy', auth: { method: 'password', password: PASSWORD } },
        },
      }),
    );
    expect(existsSync(path.join(dataDir, 'secrets-vault.json'))).toBe(false);

    expect(await ok(first.invoke('secrets:set-master-passphrase', { passphrase: 'correct horse battery' }))).toMatchObject({
      secretStorage: 'passphrase',
      masterPassphrase: 'unlocked',
    });
    const vault = readFileSync(path.join(dataDir, 'secrets-vault.json'), 'utf8');
    expect(vault).not.toContain(PASSWORD);
    await first.dispose();

    // The next start: locked, not "missing" — the page asks for the passphrase.
    const second = await browserShell(dataDir);
    const info = await ok(second.invoke('app:info', {}));
    expect(info).toMatchObject({ secretStorage: 'passphrase', masterPassphrase: 'locked' });
    expect(info.warnings?.map((warning) => warning.code)).toContain('SECRETS_LOCKED');
    const [host] = await ok(second.invoke('hosts:list', {}));
    expect(host?.missingSecrets).toBeUndefined();
    await ok(second.invoke('secrets:unlock', { passphrase: 'correct horse battery' }));
    expect(await ok(second.invoke('app:info', {}))).toMatchObject({ masterPassphrase: 'unlocked' });
  });
});
