import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProfileDraft } from '../../../shared/host-view.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore } from '../store/secret-store.js';
import { BerthService } from './berth-service.js';
import {
  FUZZ_SEED,
  type FuzzCategory,
  contractAccepts,
  fuzzCases,
  isEnvelope,
  prototypeFingerprint,
  mayChangeState,
} from '../../../test-support/contract-fuzz.js';
import { FakeDaemon, TempDirs } from '../../../test-support/service-fakes.js';

/** How many inputs the invoke fuzz sends (seeded; about 5 s here). */
const RUNS = 4_000;

const temp = new TempDirs();
let service: BerthService;
let dataDir: string;
let profilesFile: string;

const sshDraft: ProfileDraft = {
  id: 'ssh-1',
  name: 'ssh one',
  tags: [],
  transport: { type: 'ssh', host: '127.0.0.1', user: 'deploy', auth: { method: 'password', password: 'fuzz-stored-password' } },
};
const tcpDraft: ProfileDraft = {
  id: 'tcp-1',
  name: 'tcp one',
  tags: ['production'],
  transport: { type: 'tcp', host: '127.0.0.1', port: 2375 },
};

beforeAll(async () => {
  dataDir = temp.make('berth-fuzz-');
  const profiles = new ConfProfileStore({ cwd: dataDir });
  profilesFile = profiles.file;
  service = new BerthService({
    profiles,
    secrets: new MemorySecretStore(),
    knownHosts: new KnownHosts({ file: path.join(dataDir, 'known_hosts') }),
    app: { version: '9.9.9', shell: 'electron' },
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      connections: { openConnection: new FakeDaemon().open, heartbeatMs: 60_000 },
      testTimeoutMs: 2_000,
      detectTimeoutMs: 200,
    },
  });
  for (const draft of [tcpDraft, sshDraft]) expect((await service.invoke('hosts:save', { draft })).ok).toBe(true);
  await vi.waitFor(async () =>
    expect((await hostList()).map((host) => (host as { status: { state: string } }).status.state)).toEqual(['ready', 'ready']),
  );
});

afterAll(async () => {
  await service.dispose();
  temp.cleanup();
});

async function hostList(): Promise<unknown[]> {
  const reply = await service.invoke('hosts:list', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

function fileState() {
  const info = statSync(profilesFile);
  return { bytes: readFileSync(profilesFile, 'utf8'), mtimeMs: info.mtimeMs, ino: info.ino, files: readdirSync(dataDir).sort() };
}

describe('BerthService.invoke under fuzz', () => {
  it(`answers ${RUNS} malformed, oversized and wrong-typed inputs to every channel with an envelope, and changes nothing`, async () => {
    const hostsBefore = await hostList();
    const filesBefore = fileState();
    const prototypesBefore = prototypeFingerprint();
    const counts: Partial<Record<FuzzCategory | 'sent' | 'refused' | 'accepted' | 'skipped', number>> = {};
    const count = (key: keyof typeof counts) => (counts[key] = (counts[key] ?? 0) + 1);

    await fc.assert(
      fc.asyncProperty(fuzzCases({ json: false }), async ({ category, channel, input }) => {
        const accepted = contractAccepts(channel, input);
        if (accepted && mayChangeState(channel)) {
          count('skipped');
          return;
        }
        count(category);
        count('sent');
        let reply: unknown;
        try {
          reply = await service.invoke(channel, input);
        } catch (error) {
          throw new Error(`invoke threw for ${String(channel)}: ${String(error)}`, { cause: error });
        }
        expect(isEnvelope(reply)).toBe(true);
        if (!accepted) {
          count('refused');
          expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
        } else {
          count('accepted');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
    );

    console.info(`invoke fuzz: ${JSON.stringify(counts)}`);
    expect(counts.sent).toBeGreaterThanOrEqual(3_000);
    expect(counts.refused).toBeGreaterThanOrEqual(counts.sent! * 0.9);
    expect(prototypeFingerprint()).toBe(prototypesBefore);
    expect(await hostList()).toEqual(hostsBefore);
    expect(fileState()).toEqual(filesBefore);
    // Still fully working.
    expect(await service.invoke('app:info', {})).toMatchObject({ ok: true, value: { version: '9.9.9' } });
  }, 120_000);

  it('saves a valid draft that carries __proto__ and constructor keys without them, polluting nothing', async () => {
    const before = prototypeFingerprint();
    const input = JSON.parse(
      '{"draft":{"id":"proto-1","name":"proto","tags":[],"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
        '"transport":{"type":"tcp","host":"127.0.0.1","port":2375,"__proto__":{"admin":true}}}}',
    ) as unknown;
    const reply = await service.invoke('hosts:save', input);
    expect(reply).toMatchObject({
      ok: true,
      value: { profile: { id: 'proto-1', transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } } },
    });
    const saved = JSON.parse(readFileSync(profilesFile, 'utf8')) as { profiles: Array<Record<string, unknown>> };
    const stored = saved.profiles.find((profile) => profile.id === 'proto-1')!;
    expect(Object.keys(stored).sort()).toEqual(['id', 'name', 'tags', 'transport']);
    expect(Object.keys(stored.transport as object).sort()).toEqual(['host', 'port', 'type']);
    expect(readFileSync(profilesFile, 'utf8')).not.toContain('polluted');
    expect(readFileSync(profilesFile, 'utf8')).not.toContain('admin');
    expect(prototypeFingerprint()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await service.invoke('hosts:remove', { hostId: 'proto-1' })).toEqual({ ok: true, value: null });
  });
});
