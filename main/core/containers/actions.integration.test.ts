import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LabHarness, addLabHost, docker, failure, labContainerSuite, ok, runScript } from '../../../test-support/lab-containers.js';

const suite = labContainerSuite();

function state(name: string): { status: string; startedAt: string; paused: boolean } {
  const [status = '', startedAt = '', paused = ''] = docker(
    suite.lab,
    'tcp',
    'inspect',
    '--format',
    '{{.State.Status}} {{.State.StartedAt}} {{.State.Paused}}',
    name,
  )
    .trim()
    .split(' ');
  return { status, startedAt, paused: paused === 'true' };
}

function auditLines(
  h: LabHarness,
): { action: string; hostId: string; result: string; errorCode?: string; targets: string[]; user: string }[] {
  return readFileSync(path.join(h.dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map(
      (line) => JSON.parse(line) as { action: string; hostId: string; result: string; errorCode?: string; targets: string[]; user: string },
    );
}

describe('container actions', () => {
  it('each action changes the state docker inspect shows, with one audit line per action', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp');
    const name = runScript(suite.lab, 'tcp', 'actions', 'trap "exit 0" TERM; while :; do sleep 1; done');
    suite.made('tcp', name);
    const act = (action: 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause', extra: Record<string, unknown> = {}) =>
      ok(h.client.invoke('containers:action', { hostId, action, containerIds: [name], timeoutSeconds: 5, ...extra }));

    const first = state(name);
    expect(first.status).toBe('running');
    expect((await act('stop')).results).toEqual([{ containerId: name, name, ok: true }]);
    expect(state(name).status).toBe('exited');
    await act('start');
    const started = state(name);
    expect(started.status).toBe('running');
    expect(started.startedAt).not.toBe(first.startedAt);
    await act('restart');
    const restarted = state(name);
    expect(restarted.status).toBe('running');
    expect(restarted.startedAt).not.toBe(started.startedAt);
    await act('pause');
    expect(state(name)).toMatchObject({ status: 'paused', paused: true });
    await act('unpause');
    expect(state(name)).toMatchObject({ status: 'running', paused: false });
    await act('kill', { signal: 'SIGKILL' });
    expect(state(name).status).toBe('exited');
    // Stopping a stopped container is a conflict the operator reads as such.
    const again = await act('stop');
    expect(again.results[0]).toMatchObject({ ok: false, error: { code: 'CONTAINER_CONFLICT' } });
    const renamed = `${name}-renamed`;
    await ok(h.client.invoke('containers:rename', { hostId, containerId: name, newName: renamed }));
    suite.made('tcp', renamed);
    expect(docker(suite.lab, 'tcp', 'inspect', '--format', '{{.Name}}', renamed).trim()).toBe(`/${renamed}`);
    const removed = await ok(h.client.invoke('containers:action', { hostId, action: 'remove', containerIds: [renamed], force: true }));
    expect(removed.results[0]?.ok).toBe(true);
    expect(() => docker(suite.lab, 'tcp', 'inspect', renamed)).toThrow();

    const lines = auditLines(h);
    expect(lines.map((line) => `${line.action}:${line.result}`)).toEqual([
      'stop:ok',
      'start:ok',
      'restart:ok',
      'pause:ok',
      'unpause:ok',
      'kill:ok',
      'stop:error',
      'rename:ok',
      'remove:ok',
    ]);
    expect(lines.every((line) => line.user === 'lab-operator' && line.hostId === hostId)).toBe(true);
    const listed = await ok(h.client.invoke('audit:list', { hostId, limit: 3 }));
    expect(listed.entries.map((entry) => entry.action)).toEqual(['remove', 'rename', 'stop']);
    expect(listed.rotation).toEqual({ maxBytes: 5 * 1024 * 1024, files: 3 });
    expect((await ok(h.client.invoke('audit:list', { hostId: 'some-other-host', limit: 10 }))).entries).toEqual([]);
  });

  it('a production host needs the typed name (or the count for bulk); a wrong one changes nothing', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp', { id: 'lab-prod', tags: ['production'] });
    const a = runScript(suite.lab, 'tcp', 'prod-a', 'sleep 600');
    const b = runScript(suite.lab, 'tcp', 'prod-b', 'sleep 600');
    suite.made('tcp', a, b);
    const before = state(a).startedAt;
    const none = await failure(h.client.invoke('containers:action', { hostId, action: 'restart', containerIds: [a] }));
    expect(none.code).toBe('PRODUCTION_CONFIRMATION_REQUIRED');
    expect(none.message).toContain(a);
    const wrong = await failure(h.client.invoke('containers:action', { hostId, action: 'restart', containerIds: [a], confirmation: b }));
    expect(wrong.code).toBe('PRODUCTION_CONFIRMATION_MISMATCH');
    expect(state(a).startedAt).toBe(before);
    // Non-destructive single actions need no typing; bulk ones need the count.
    await ok(h.client.invoke('containers:action', { hostId, action: 'pause', containerIds: [a] }));
    await ok(h.client.invoke('containers:action', { hostId, action: 'unpause', containerIds: [a] }));
    const bulkWrong = await failure(
      h.client.invoke('containers:action', { hostId, action: 'restart', containerIds: [a, b], confirmation: a }),
    );
    expect(bulkWrong.code).toBe('PRODUCTION_CONFIRMATION_MISMATCH');
    const bulk = await ok(
      h.client.invoke('containers:action', { hostId, action: 'restart', containerIds: [a, b], confirmation: '2', timeoutSeconds: 1 }),
    );
    expect(bulk.results.map((result) => result.ok)).toEqual([true, true]);
    expect(state(a).startedAt).not.toBe(before);
    expect(auditLines(h).map((line) => `${line.action}:${line.result}:${line.errorCode ?? ''}`)).toEqual([
      'restart:error:PRODUCTION_CONFIRMATION_REQUIRED',
      'restart:error:PRODUCTION_CONFIRMATION_MISMATCH',
      'pause:ok:',
      'unpause:ok:',
      'restart:error:PRODUCTION_CONFIRMATION_MISMATCH',
      'restart:ok:',
    ]);
  });

  it('a read-only host refuses every mutating channel before any request reaches the daemon', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp', { id: 'lab-readonly', readOnly: true });
    const name = runScript(suite.lab, 'tcp', 'readonly', 'sleep 600');
    suite.made('tcp', name);
    const before = state(name);
    // Everything the daemon does to this container from here on shows up in its event stream.
    const since = new Date().toISOString();
    const refusals = await Promise.all([
      ...(['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove'] as const).map((action) =>
        failure(h.client.invoke('containers:action', { hostId, action, containerIds: [name], force: true, confirmation: name })),
      ),
      failure(h.client.invoke('containers:rename', { hostId, containerId: name, newName: `${name}-x` })),
    ]);
    expect(refusals.map((refusal) => refusal.code)).toEqual(Array(8).fill('READ_ONLY'));
    expect(refusals[0]?.message).toMatch(/read-only/);
    expect(state(name)).toEqual(before);
    const until = new Date(Date.now() + 1000).toISOString();
    const events = docker(
      suite.lab,
      'tcp',
      'events',
      '--since',
      since,
      '--until',
      until,
      '--filter',
      `container=${name}`,
      '--format',
      '{{.Action}}',
    ).trim();
    expect(events).toBe('');
    expect(auditLines(h).map((line) => `${line.result}:${line.errorCode}`)).toEqual(Array(8).fill('error:READ_ONLY'));
    // Reading still works on a read-only host.
    expect((await ok(h.client.invoke('containers:inspect', { hostId, containerId: name }))).name).toBe(name);
  });
});
