import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertWebhookBody } from '../../../shared/alerts-contract.js';
import { defaultAlertSettings } from '../../../shared/alerts-contract.js';
import type { TimelineEvent } from '../../../shared/timeline-contract.js';
import type { Transport } from '../../../shared/profile.js';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { FaultProxy } from '../../../e2e/faults/fault-proxy.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import { docker, labPrefix, removeContainers, runScript } from '../../../test-support/lab-containers.js';
import { eventIdentity as identity, labDockerEvents, timelineIdentities as timelineOf } from '../../../test-support/lab-events.js';
import { until } from '../../../test-support/until.js';
import type { BerthService } from './berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';

let lab: LabManifest;
const temp = new TempDirs();
const services: BerthService[] = [];
const containers: Array<{ daemon: 'tcp' | 'btrfs'; name: string }> = [];

beforeAll(() => {
  // Throws "the Berth lab is not running" when it is not: these tests fail, never skip.
  lab = requireLab();
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  for (const { daemon, name } of containers.splice(0)) removeContainers(lab, daemon, name);
});
afterAll(() => temp.cleanup());

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

async function newService(dataDir = temp.make('berth-fleet-events-')) {
  const service = await testAppService(dataDir, {
    testHooks: {
      connections: { heartbeatMs: 1_000, timeoutMs: 3_000 },
      fleetEvents: { alerts: { webhook: { retryDelaysMs: [100, 200] } } },
    },
  });
  services.push(service);
  return { service, dataDir, pushes: recordPushes(service) };
}

async function addHost(service: BerthService, id: string, name: string, transport: Transport): Promise<void> {
  await ok(service.invoke('hosts:save', { draft: { id, name, tags: [], transport } }));
  await until(
    `${id} ready`,
    async () => (await ok(service.invoke('hosts:list', {}))).find((host) => host.profile.id === id)?.status.state === 'ready',
  );
}

const uniqueName = (suffix: string) => `${labPrefix}${suffix}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;

describe('alerts against the lab', () => {
  it('docker kill gives exactly one "died (137)" alert naming host and container within 2 s, and the webhook gets the documented body', async () => {
    // Only this test's container counts: other tests kill containers on the same lab daemon meanwhile.
    let name = '';
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        if (name === '' || !body.includes(name)) return void response.writeHead(204).end();
        received.push({ headers: request.headers, body });
        response.writeHead(received.length === 1 ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/berth-hook`;
      const { service, pushes } = await newService();
      await ok(service.invoke('alerts:save-settings', { settings: { ...defaultAlertSettings, webhook: { enabled: true, url } } }));
      await addHost(service, 'lab-tcp', 'lab tcp', lab.daemons.tcp.transport);
      name = runScript(lab, 'tcp', 'alert-kill', 'sleep 300');
      containers.push({ daemon: 'tcp', name });
      const killedAt = Date.now();
      docker(lab, 'tcp', 'kill', name);
      const alertsFor = () =>
        pushes.messages.flatMap((message) =>
          message.channel === 'alerts:raised' && message.payload.alert.container?.name === name ? [message.payload.alert] : [],
        );
      const [alert] = await until('the died alert', () => (alertsFor().length > 0 ? alertsFor() : undefined), 2_000);
      expect(Date.now() - killedAt).toBeLessThan(2_000);
      expect(alert).toMatchObject({
        kind: 'container-died',
        severity: 'warning',
        hostId: 'lab-tcp',
        hostName: 'lab tcp',
        title: `lab tcp: ${name} died (137)`,
        container: { name, exitCode: 137 },
      });
      // Exactly one: nothing more arrives for it (the kill's other events, the listing) in the next second and a half.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(alertsFor()).toHaveLength(1);
      const listed = await ok(service.invoke('alerts:list', { limit: 100 }));
      expect(listed.alerts.filter((each: Alert) => each.container?.name === name)).toHaveLength(1);

      // The receiver answered 503 first: the retry delivers the same body.
      await until('two webhook deliveries', () => received.length >= 2, 5_000);
      expect(received[0]!.body).toBe(received[1]!.body.replace(/"sentAt":"[^"]+"/, received[0]!.body.match(/"sentAt":"[^"]+"/)![0]));
      expect(received[1]!.headers['content-type']).toBe('application/json');
      const body = JSON.parse(received[1]!.body) as AlertWebhookBody;
      expect(Object.keys(body).sort()).toEqual(['alert', 'schema', 'sentAt']);
      expect(body.schema).toBe('berth.alert/v1');
      expect(Date.parse(body.sentAt)).toBeGreaterThan(killedAt - 1);
      const { acknowledgedAt: _none, ...expected } = alert!;
      expect(body.alert).toEqual(expected);

      // Acknowledge: the list says so and the count drops.
      const acknowledged = await ok(service.invoke('alerts:acknowledge', { ids: [alert!.id] }));
      expect(acknowledged.acknowledged).toBe(1);
      const after = await ok(service.invoke('alerts:list', { unacknowledgedOnly: true, limit: 100 }));
      expect(after.alerts.some((each: Alert) => each.id === alert!.id)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('a restart loop against the lab', () => {
  it('a container restarted by its policy again and again gives one "restart loop" alert and one "died", not one per restart', async () => {
    const { service, pushes } = await newService();
    await addHost(service, 'lab-tcp', 'lab tcp', lab.daemons.tcp.transport);
    const name = uniqueName('alert-loop');
    containers.push({ daemon: 'tcp', name });
    // dockerd restarts it after 100 ms, 200 ms, 400 ms, …: 5 starts within about 3 s.
    docker(lab, 'tcp', 'run', '-d', '--network', 'none', '--restart', 'always', '--name', name, lab.image, 'sh', '-c', 'exit 3');
    const starts = async () =>
      (await ok(service.invoke('timeline:query', { hostId: 'lab-tcp', container: name, action: 'start', limit: 100 }))).events.length;
    await until('seven starts', async () => (await starts()) >= 7, 30_000);
    docker(lab, 'tcp', 'update', '--restart', 'no', name);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const kinds = pushes.messages
      .flatMap((message) =>
        message.channel === 'alerts:raised' && message.payload.alert.container?.name === name ? [message.payload.alert] : [],
      )
      .map((alert: Alert) => `${alert.kind} ${alert.title}`);
    expect(kinds).toEqual([`container-died lab tcp: ${name} died (3)`, `restart-loop lab tcp: ${name} is restarting in a loop`]);
  });
});

describe('the event timeline against the lab', () => {
  it('after the events connection is cut, the timeline equals docker events --since T --until T2: in order, once each', async () => {
    const { transport } = lab.daemons.btrfs;
    if (transport.type !== 'tcp') throw new Error('the lab btrfs daemon listens on tcp');
    const proxy = await new FaultProxy(transport.host, transport.port).start();
    try {
      const { service, pushes } = await newService();
      await addHost(service, 'lab-btrfs', 'lab btrfs', { type: 'tcp', host: '127.0.0.1', port: proxy.port });
      const since = Math.floor(Date.now() / 1000);
      const before = uniqueName('timeline-before');
      const during = uniqueName('timeline-during');
      containers.push({ daemon: 'btrfs', name: before }, { daemon: 'btrfs', name: during });
      docker(lab, 'btrfs', 'create', '--network', 'none', '--name', before, lab.image, 'true');
      await until(
        'the create in the timeline',
        async () => (await timelineOf(service, 'lab-btrfs', since, Date.now() / 1000 + 1)).length > 0,
      );

      // The link drops and stays down while the daemon goes on.
      proxy.setMode('refuse');
      proxy.cutAll();
      await until('the host to notice', async () => (await ok(service.invoke('hosts:list', {})))[0]?.status.state !== 'ready');
      docker(lab, 'btrfs', 'create', '--network', 'none', '--name', during, lab.image, 'sleep', '60');
      docker(lab, 'btrfs', 'start', during);
      docker(lab, 'btrfs', 'stop', '-t', '0', during);
      docker(lab, 'btrfs', 'rm', before);
      // Down for longer than a fresh stream's look back (one second), so only resuming finds these events.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await ok(service.invoke('hosts:list', {})))[0]?.status.state).not.toBe('ready');

      proxy.setMode('pass');
      await until('ready again', async () => (await ok(service.invoke('hosts:list', {})))[0]?.status.state === 'ready');
      await until('the stop in the timeline', async () => {
        const page = await ok(service.invoke('timeline:query', { hostId: 'lab-btrfs', action: 'destroy', limit: 10 }));
        return page.events.some((event: TimelineEvent) => event.name === before);
      });
      // T2 lies in the past for docker events, and everything up to it has arrived.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const untilSeconds = Math.floor(Date.now() / 1000) - 1;
      const expected = labDockerEvents(lab, 'btrfs', since, untilSeconds);
      const timeline = await timelineOf(service, 'lab-btrfs', since, untilSeconds);
      expect(expected.filter((line) => line.includes(' create ')).length).toBeGreaterThanOrEqual(2);
      expect(timeline).toEqual(expected);
      expect(new Set(timeline).size).toBe(timeline.length);
      // The events pushed to clients are the same, once each.
      const pushed = pushes.messages
        .flatMap((message) => (message.channel === 'timeline:appended' ? message.payload.events : []))
        .filter((event) => event.hostId === 'lab-btrfs' && event.timeNano >= since * 1e9 && event.timeNano <= untilSeconds * 1e9)
        .map((event) => identity({ timeNano: event.timeNano, type: event.type, action: event.action, id: event.actorId }));
      expect(pushed).toEqual(expected);
    } finally {
      await proxy.close();
    }
  });

  it('is kept across a restart, and events that happened while Berth was closed arrive once', async () => {
    const first = await newService();
    await addHost(first.service, 'lab-btrfs', 'lab btrfs', lab.daemons.btrfs.transport);
    const since = Math.floor(Date.now() / 1000);
    const seen = uniqueName('timeline-restart-a');
    const missed = uniqueName('timeline-restart-b');
    containers.push({ daemon: 'btrfs', name: seen }, { daemon: 'btrfs', name: missed });
    docker(lab, 'btrfs', 'create', '--network', 'none', '--name', seen, lab.image, 'true');
    await until('the first create', async () => (await timelineOf(first.service, 'lab-btrfs', since, Date.now() / 1000 + 1)).length > 0);
    await first.service.dispose();
    services.splice(services.indexOf(first.service), 1);

    docker(lab, 'btrfs', 'create', '--network', 'none', '--name', missed, lab.image, 'true');
    docker(lab, 'btrfs', 'rm', missed, seen);

    const second = await newService(first.dataDir);
    await until('the missed destroy', async () => {
      second.service.flushTimeline();
      const page = await ok(
        second.service.invoke('timeline:query', { hostId: 'lab-btrfs', action: 'destroy', container: missed, limit: 10 }),
      );
      return page.events.length > 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const untilSeconds = Math.floor(Date.now() / 1000) - 1;
    const timeline = await timelineOf(second.service, 'lab-btrfs', since, untilSeconds);
    expect(timeline).toEqual(labDockerEvents(lab, 'btrfs', since, untilSeconds));
    const retention = (await ok(second.service.invoke('timeline:query', { limit: 1 }))).retention;
    expect(retention).toEqual({ maxEventsPerHost: 50_000, maxAgeDays: 30, store: 'sqlite' });
  });
});
