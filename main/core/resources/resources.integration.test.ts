import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProjects, composeSummary } from '../../../shared/compose.js';
import type { LabDaemonName, LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { type LabHarness, addLabHost, docker, failure, labHarness, ok } from '../../../test-support/lab-containers.js';

/**
 * The resource views against real lab daemons over tcp, TLS and SSH: every object here is made by
 * the test with a unique name and removed after it; the lists are compared with the docker CLI's
 * answer from the same daemon.
 */

let lab: LabManifest;
const transports: LabDaemonName[] = ['tcp', 'tls', 'ssh'];

beforeAll(() => {
  lab = requireLab();
});

const unique = () => `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** Lines of a docker CLI listing as a set. */
function cliSet(daemon: LabDaemonName, ...args: string[]): Set<string> {
  return new Set(
    docker(lab, daemon, ...args)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
}

/**
 * Berth's list agrees with the CLI's when it holds everything both CLI reads (before and after)
 * saw and nothing neither saw: other lab users create and remove objects meanwhile.
 */
function expectAgrees(berth: Set<string>, before: Set<string>, after: Set<string>): void {
  const both = [...before].filter((item) => after.has(item));
  expect([...berth].filter((item) => !before.has(item) && !after.has(item))).toEqual([]);
  expect(both.filter((item) => !berth.has(item))).toEqual([]);
}

describe.each(transports)('resources over %s', (daemon) => {
  let harness: LabHarness;
  let hostId: string;
  const id = unique();
  const project = `demo-${id}`;
  const image = `berth-res-${id}`;
  const volume = `berth-res-vol-${id}`;
  const network = `berth-res-net-${id}`;
  const containers: string[] = [];

  beforeAll(async () => {
    harness = await labHarness(lab);
    hostId = await addLabHost(harness, lab, daemon, { id: `res-${daemon}` });
  }, 60_000);

  afterAll(async () => {
    await harness?.dispose();
    if (containers.length > 0) docker(lab, daemon, 'rm', '-f', ...containers);
    for (const args of [
      ['rmi', '-f', `${image}:v1`, `${image}:v2`],
      ['volume', 'rm', '-f', volume],
      ['network', 'rm', network],
    ])
      try {
        docker(lab, daemon, ...args);
      } catch {
        // already gone
      }
  }, 60_000);

  it('compose project: three services show as 3/3 running, merged logs carry the service prefix, "Stop project" leaves all three exited', async () => {
    for (const service of ['web', 'api', 'db']) {
      const name = `${project}-${service}-1`;
      containers.push(name);
      docker(
        lab,
        daemon,
        'run',
        '-d',
        // A lab daemon another suite restarts brings it back (a stop by Berth is kept: unless-stopped).
        '--restart',
        'unless-stopped',
        '--network',
        'none',
        '--name',
        name,
        '--label',
        `com.docker.compose.project=${project}`,
        '--label',
        `com.docker.compose.service=${service}`,
        '--label',
        'com.docker.compose.container-number=1',
        '--label',
        `com.docker.compose.project.working_dir=/srv/${project}`,
        '--label',
        `com.docker.compose.project.config_files=/srv/${project}/compose.yaml`,
        lab.image,
        'sh',
        '-c',
        `echo hello from ${service}; trap "exit 0" TERM; while :; do sleep 1; done`,
      );
    }
    // The snapshot (what the Compose view groups) follows the event stream.
    let summary = '';
    for (let tries = 0; tries < 100 && summary !== `${project} 3/3 running`; tries += 1) {
      const snapshot = await ok(harness.client.invoke('hosts:snapshot', { hostId }));
      const found = composeProjects(snapshot?.containers ?? []).find((item) => item.name === project);
      summary = found ? composeSummary(found) : '';
      if (found) {
        expect(found.services.map((service) => service.name)).toEqual(['api', 'db', 'web']);
        expect(found.workingDir).toBe(`/srv/${project}`);
        expect(found.configFiles).toEqual([`/srv/${project}/compose.yaml`]);
      }
      if (summary !== `${project} 3/3 running`) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(summary).toBe(`${project} 3/3 running`);

    const opened = await ok(harness.client.invoke('compose:logs-open', { hostId, project, follow: false, tail: 'all' }));
    expect(opened.containers).toEqual(['api-1', 'db-1', 'web-1']);
    const lines = async (): Promise<string[]> => {
      for (let tries = 0; tries < 100; tries += 1) {
        const events = harness.pushes.flatMap((message) =>
          message.channel === 'logs:event' && (message.payload as { streamId: string }).streamId === opened.streamId
            ? [message.payload]
            : [],
        );
        if (events.some((event) => event.type === 'ended'))
          return events.flatMap((event) => (event.type === 'lines' ? event.lines.map((line) => line.text) : []));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the merged log never ended');
    };
    expect((await lines()).sort()).toEqual(['api-1 | hello from api', 'db-1  | hello from db', 'web-1 | hello from web']);

    const stopped = await ok(harness.client.invoke('compose:action', { hostId, project, action: 'stop', timeoutSeconds: 5 }));
    // Stop goes in reverse of the start order (service name, then container number).
    expect(stopped.results.map((result) => result.name)).toEqual([`${project}-web-1`, `${project}-db-1`, `${project}-api-1`]);
    expect(stopped.results.every((result) => result.ok)).toBe(true);
    for (const name of containers) expect(docker(lab, daemon, 'inspect', '--format', '{{.State.Status}}', name).trim()).toBe('exited');

    await ok(harness.client.invoke('compose:action', { hostId, project, action: 'start' }));
    for (const name of containers) expect(docker(lab, daemon, 'inspect', '--format', '{{.State.Status}}', name).trim()).toBe('running');
  }, 90_000);

  it('images: tags of one image together, users counted, dangling marked, the list agrees with docker images; removing an image a container uses names the container', async () => {
    const builder = `berth-res-build-${id}`;
    docker(lab, daemon, 'run', '--network', 'none', '--name', builder, lab.image, 'sh', '-c', `echo ${id} > /marker`);
    docker(lab, daemon, 'commit', builder, `${image}:v1`);
    docker(lab, daemon, 'rm', builder);
    docker(lab, daemon, 'tag', `${image}:v1`, `${image}:v2`);
    const user = `berth-res-user-${id}`;
    containers.push(user);
    docker(lab, daemon, 'create', '--network', 'none', '--name', user, `${image}:v1`, 'true');

    const before = cliSet(daemon, 'images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}');
    const listed = await ok(harness.client.invoke('images:list', { hostId }));
    const after = cliSet(daemon, 'images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}');
    const berth = new Set(
      listed.rows.flatMap((row) =>
        (row.tags.length === 0 ? ['<none>:<none>'] : row.tags).map((tag) => `${tag} ${row.id.replace('sha256:', '').slice(0, 12)}`),
      ),
    );
    expectAgrees(berth, before, after);
    const row = listed.rows.find((item) => item.tags.includes(`${image}:v1`));
    expect(row?.tags.sort()).toEqual([`${image}:v1`, `${image}:v2`]);
    expect(row?.users).toEqual({ running: 0, all: 1, names: [user] });
    expect(row?.dangling).toBe(false);
    expect(row?.sharedSizeBytes).toBeGreaterThanOrEqual(0);
    const inspectSize = Number(docker(lab, daemon, 'image', 'inspect', '--format', '{{.Size}}', `${image}:v1`).trim());
    expect(row?.sizeBytes).toBe(inspectSize);

    // The second-to-last tag goes without a fuss; the last one is refused, naming the container.
    const untagged = await ok(harness.client.invoke('resources:remove', { hostId, kind: 'images', ref: `${image}:v2` }));
    expect(untagged.report).toEqual([`Untagged: ${image}:v2`]);
    const refused = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'images', ref: `${image}:v1` }));
    expect(refused.code).toBe('RESOURCE_IN_USE');
    expect(refused.message).toContain(user);
    expect(cliSet(daemon, 'images', '--format', '{{.Repository}}:{{.Tag}}').has(`${image}:v1`)).toBe(true);
  }, 90_000);

  it('volumes: users from the containers, the list agrees with docker volume ls; a volume in use is refused naming the container', async () => {
    docker(lab, daemon, 'volume', 'create', volume);
    const user = `berth-res-vuser-${id}`;
    containers.push(user);
    docker(lab, daemon, 'create', '--network', 'none', '--name', user, '-v', `${volume}:/data`, lab.image, 'true');
    const before = cliSet(daemon, 'volume', 'ls', '--format', '{{.Name}}');
    const listed = await ok(harness.client.invoke('volumes:list', { hostId }));
    const after = cliSet(daemon, 'volume', 'ls', '--format', '{{.Name}}');
    expectAgrees(new Set(listed.rows.map((row) => row.name)), before, after);
    const row = listed.rows.find((item) => item.name === volume);
    expect(row).toMatchObject({ driver: 'local', users: { running: 0, all: 1, names: [user] } });
    expect(row?.mountpoint).toContain(volume);
    expect(row?.refCount).toBe(1);

    const refused = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'volumes', ref: volume }));
    expect(refused.code).toBe('RESOURCE_IN_USE');
    expect(refused.message).toContain(user);
    docker(lab, daemon, 'rm', user);
    containers.splice(containers.indexOf(user), 1);
    await ok(harness.client.invoke('resources:remove', { hostId, kind: 'volumes', ref: volume }));
    expect(cliSet(daemon, 'volume', 'ls', '--format', '{{.Name}}').has(volume)).toBe(false);
  }, 90_000);

  it('networks: attached containers with addresses, the list agrees with docker network ls; built-ins are protected, a network with endpoints is refused naming the container', async () => {
    docker(lab, daemon, 'network', 'create', '--internal', network);
    const user = `berth-res-nuser-${id}`;
    containers.push(user);
    docker(
      lab,
      daemon,
      'run',
      '-d',
      '--network',
      network,
      '--name',
      user,
      lab.image,
      'sh',
      '-c',
      'trap "exit 0" TERM; while :; do sleep 1; done',
    );
    const address = docker(lab, daemon, 'inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, user).trim();
    const before = cliSet(daemon, 'network', 'ls', '--format', '{{.Name}}');
    const listed = await ok(harness.client.invoke('networks:list', { hostId }));
    const after = cliSet(daemon, 'network', 'ls', '--format', '{{.Name}}');
    expectAgrees(new Set(listed.rows.map((row) => row.name)), before, after);
    const row = listed.rows.find((item) => item.name === network);
    expect(row).toMatchObject({ driver: 'bridge', scope: 'local', internal: true, builtIn: false });
    expect(row?.subnets[0]?.subnet).toMatch(/\/\d+$/);
    expect(row?.endpoints.map((endpoint) => [endpoint.name, endpoint.ipv4.split('/')[0]])).toEqual([[user, address]]);
    // The lab daemons run without the default bridge (--bridge=none): host and none remain.
    const builtIns = listed.rows.filter((item) => item.builtIn).map((item) => item.name);
    expect(builtIns).toEqual(expect.arrayContaining(['host', 'none']));
    expect(builtIns.every((name) => ['bridge', 'host', 'none'].includes(name))).toBe(true);

    const refused = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'networks', ref: network }));
    expect(refused.code).toBe('RESOURCE_IN_USE');
    expect(refused.message).toContain(user);
    const host = listed.rows.find((item) => item.name === 'host');
    // By name, and by id: main asks the daemon which network an id is before anything else.
    for (const ref of ['bridge', 'host', 'none', host?.id ?? 'host']) {
      const protectedError = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'networks', ref }));
      expect(protectedError.code).toBe('RESOURCE_PROTECTED');
    }
    expect(cliSet(daemon, 'network', 'ls', '--format', '{{.Name}}').has('host')).toBe(true);
  }, 90_000);

  it('a resource event reaches the client as resources:changed, coalesced', async () => {
    const seen = harness.pushes.length;
    const extra = `berth-res-ev-${id}`;
    for (let index = 0; index < 5; index += 1) docker(lab, daemon, 'volume', 'create', `${extra}-${index}`);
    const changes = async () => {
      for (let tries = 0; tries < 50; tries += 1) {
        const found = harness.pushes.slice(seen).filter((message) => message.channel === 'resources:changed');
        if (found.some((message) => (message.payload as { kinds: string[] }).kinds.includes('volumes'))) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    };
    const found = await changes();
    for (let index = 0; index < 5; index += 1) docker(lab, daemon, 'volume', 'rm', `${extra}-${index}`);
    expect(found.length).toBeGreaterThan(0);
    // Five volume creations spread over the CLI's own pace: never one notice per event.
    expect(found.length).toBeLessThan(5);
  }, 60_000);
});

describe('resource removal guards', () => {
  it('a read-only host refuses removal before any request, and the refusal is audited', async () => {
    const harness = await labHarness(lab);
    try {
      const hostId = await addLabHost(harness, lab, 'tcp', { id: 'res-readonly', readOnly: true });
      const refused = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'networks', ref: 'whatever' }));
      expect(refused.code).toBe('READ_ONLY');
      const audit = await ok(harness.client.invoke('audit:list', { hostId }));
      expect(audit.entries[0]).toMatchObject({ action: 'network-remove', targets: ['whatever'], result: 'error', errorCode: 'READ_ONLY' });
      const composeRefused = await failure(harness.client.invoke('compose:action', { hostId, project: 'nothing-here', action: 'stop' }));
      expect(['READ_ONLY', 'RESOURCE_NOT_FOUND']).toContain(composeRefused.code);
    } finally {
      await harness.dispose();
    }
  }, 60_000);

  it('a production host needs the name typed', async () => {
    const harness = await labHarness(lab);
    try {
      const hostId = await addLabHost(harness, lab, 'tcp', { id: 'res-prod', tags: ['production'] });
      const missing = await failure(harness.client.invoke('resources:remove', { hostId, kind: 'volumes', ref: 'not-a-volume-here' }));
      expect(missing.code).toBe('PRODUCTION_CONFIRMATION_REQUIRED');
      const wrong = await failure(
        harness.client.invoke('resources:remove', { hostId, kind: 'volumes', ref: 'not-a-volume-here', confirmation: 'nope' }),
      );
      expect(wrong.code).toBe('PRODUCTION_CONFIRMATION_MISMATCH');
      const typed = await failure(
        harness.client.invoke('resources:remove', { hostId, kind: 'volumes', ref: 'not-a-volume-here', confirmation: 'not-a-volume-here' }),
      );
      expect(typed.code).toBe('RESOURCE_NOT_FOUND');
    } finally {
      await harness.dispose();
    }
  }, 60_000);
});
