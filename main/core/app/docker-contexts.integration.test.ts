/**
 * The add-host flow's docker contexts, with the real docker CLI and the lab: contexts made by
 * `docker context create` in a temporary DOCKER_CONFIG are listed through the contract (the
 * current one marked, SkipTLSVerify refused), choosing one saves a host that connects to the same
 * daemon as `docker --context`, and a `.dockercontext` file opened with the app becomes a host
 * (a bad one a notice that says why).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { createLabContexts, dockerCli } from '../../../e2e/support/lab-contexts.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import type { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';

let lab: LabManifest;
let dockerConfig: string;
let scratch: string;
let service: BerthService;
let pushes: ReturnType<typeof recordPushes>;
const temp = new TempDirs();

const docker = (args: string[]) => dockerCli(dockerConfig, args);

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

const lastState = (hostId: string) =>
  pushes.messages.flatMap((m) => (m.channel === 'host:status' && m.payload.hostId === hostId ? [m.payload.status.state] : [])).at(-1);

beforeAll(async () => {
  // Throws "the Berth lab is not running" when it is not: these tests fail, never skip.
  lab = requireLab();
  scratch = temp.make('berth-contexts-app-');
  dockerConfig = path.join(scratch, 'docker-config');
  createLabContexts(dockerConfig, lab, 'lab-tls');
  service = await createAppService({
    dataDir: path.join(scratch, 'data'),
    shell: 'browser',
    version: '0.0.0-test',
    useUserKnownHosts: false,
    homeDir: scratch,
    dockerConfigDir: dockerConfig,
  });
  pushes = recordPushes(service);
});

afterAll(async () => {
  await service?.dispose();
  temp.cleanup();
});

describe('docker contexts in the add-host flow, against the lab', () => {
  it('lists the contexts `docker context create` made, the current one marked, SkipTLSVerify refused with its reason', async () => {
    const list = await ok(service.invoke('contexts:list', {}));
    expect(list.configDir).toBe(dockerConfig);
    expect(list.current).toBe('lab-tls');
    const byName = new Map(list.contexts.map((context) => [context.name, context]));
    expect([...byName.keys()]).toEqual(['lab-skip', 'lab-ssh', 'lab-tcp', 'lab-tls']);
    const tlsContext = byName.get('lab-tls')!;
    expect(tlsContext).toMatchObject({ current: true, tls: 'verified', endpoint: lab.daemons.tls.endpoint, description: 'lab TLS' });
    // The TLS material stays in the docker store: only its paths cross, never the key itself.
    expect(tlsContext.transport).toMatchObject({ type: 'tls', host: '127.0.0.1', key: { kind: 'path' } });
    expect(JSON.stringify(list)).not.toContain('PRIVATE KEY');
    expect(byName.get('lab-tcp')).toMatchObject({ current: false, tls: 'none', transport: { type: 'tcp', port: 23750 } });
    const skip = byName.get('lab-skip')!;
    expect(skip.tls).toBe('skip-verify');
    expect(skip.transport).toBeUndefined();
    expect(skip.refusal?.code).toBe('CONTEXT_SKIPS_TLS_VERIFY');
  });

  it('saves the chosen context as a host that reaches the same daemon as `docker --context`', async () => {
    const view = await ok(service.invoke('contexts:import', { name: 'lab-tls', hostName: 'lab via context' }));
    expect(view.profile.name).toBe('lab via context');
    await expect.poll(() => lastState(view.profile.id), { timeout: 20_000 }).toBe('ready');
    const snapshot = await ok(service.invoke('hosts:snapshot', { hostId: view.profile.id }));
    const expected = docker(['--context', 'lab-tls', 'version', '--format', '{{.Server.Version}}']);
    expect(expected.stderr).toBe('');
    expect(snapshot?.summary.serverVersion).toBe(expected.stdout);
  });

  it('refuses to save a SkipTLSVerify context', async () => {
    const reply = await service.invoke('contexts:import', { name: 'lab-skip' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('CONTEXT_SKIPS_TLS_VERIFY');
  });

  it('adds a host from a `.dockercontext` file made by `docker context export`, and says why a bad one was refused', async () => {
    const file = path.join(scratch, 'exported-tcp.dockercontext');
    expect(docker(['context', 'export', 'lab-tcp', file]).status).toBe(0);
    const view = await service.importContextFile(file);
    expect(view?.profile.name).toBe('exported-tcp');
    await expect.poll(() => lastState(view!.profile.id), { timeout: 20_000 }).toBe('ready');
    expect(docker(['context', 'inspect', 'exported-tcp']).status).toBe(0);
    const notices = () => pushes.messages.flatMap((m) => (m.channel === 'app:notice' ? [m.payload] : []));
    expect(notices().at(-1)).toMatchObject({ kind: 'context-imported', hostId: view!.profile.id });

    const bad = path.join(scratch, 'not-a-context.dockercontext');
    writeFileSync(bad, 'this is not a tar archive at all, only some text that goes on for a while'.repeat(20));
    expect(await service.importContextFile(bad)).toBeUndefined();
    expect(notices().at(-1)).toMatchObject({ kind: 'context-import-failed', error: { code: 'CONTEXT_INVALID' } });
    expect(docker(['context', 'inspect', 'not-a-context']).status).not.toBe(0);
  });
});
