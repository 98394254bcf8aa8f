import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Alert, alertSettingsSchema, defaultAlertSettings } from '../../../shared/alerts-contract.js';
import type { DockerEvent } from '../events-stream.js';
import { type AlertPush, AlertCenter } from './alert-center.js';
import { FakeAlertClock } from '../../../test-support/fake-alert-clock.js';
import { WebhookSender, postJson } from './webhook-sender.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-alerts-test-'));
  dirs.push(dir);
  return dir;
};

const died = (clock: FakeAlertClock, id = 'c1'): DockerEvent => ({
  type: 'container',
  action: 'die',
  id,
  attributes: { name: 'api', exitCode: '1' },
  timeNano: clock.now() * 1e6,
});

function center(dataDir?: string) {
  const clock = new FakeAlertClock();
  const pushes: AlertPush[] = [];
  const alerts = new AlertCenter({
    ...(dataDir && { dataDir }),
    hostName: (id) => `host ${id}`,
    push: (message) => pushes.push(message),
    clock,
  });
  return { clock, pushes, alerts };
}

describe('AlertCenter', () => {
  it('keeps history and acknowledgements across a restart, in a 0600 file, and never raises the same event twice', () => {
    const dir = tempDir();
    const first = center(dir);
    first.alerts.onConnectionEvent({ type: 'docker-event', hostId: 'h1', event: died(first.clock) });
    const [alert] = first.alerts.list({ unacknowledgedOnly: false, limit: 10 }).alerts;
    expect(alert).toMatchObject({ title: 'host h1: api died (1)', hostName: 'host h1' });
    expect(first.alerts.acknowledge([alert!.id], false)).toEqual({ acknowledged: 1 });
    first.alerts.dispose();
    expect(statSync(path.join(dir, 'alerts.json')).mode & 0o777).toBe(0o600);

    const second = center(dir);
    expect(second.alerts.list({ unacknowledgedOnly: false, limit: 10 })).toMatchObject({
      alerts: [{ id: alert!.id, acknowledgedAt: expect.any(Number) }],
      unacknowledged: 0,
    });
    // The daemon re-sends the same event after a restart: the key is in the history.
    second.alerts.onConnectionEvent({ type: 'docker-event', hostId: 'h1', event: { ...died(first.clock) } });
    expect(second.pushes).toEqual([]);
    second.alerts.dispose();
  });

  it('pushes each alert with the unacknowledged count, and a muted host raises nothing', () => {
    const { clock, pushes, alerts } = center();
    alerts.saveSettings({ ...defaultAlertSettings, hosts: { quiet: { muted: true } } });
    alerts.onConnectionEvent({ type: 'docker-event', hostId: 'quiet', event: died(clock) });
    alerts.onConnectionEvent({ type: 'docker-event', hostId: 'h1', event: died(clock) });
    expect(pushes).toEqual([
      { channel: 'alerts:raised', payload: { alert: expect.objectContaining({ hostId: 'h1' }), notify: true, unacknowledged: 1 } },
    ]);
    alerts.acknowledge([], true);
    expect(pushes.at(-1)).toEqual({ channel: 'alerts:acknowledged', payload: { ids: [], all: true, unacknowledged: 0 } });
    alerts.dispose();
  });

  it('moves a damaged settings file aside and starts from the defaults', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'alert-settings.json'), '{"rules": 5');
    const warnings: string[] = [];
    const alerts = new AlertCenter({
      dataDir: dir,
      hostName: (id) => id,
      push: () => undefined,
      warn: (message) => warnings.push(message),
    });
    expect(alerts.settings()).toEqual(defaultAlertSettings);
    expect(warnings[0]).toMatch(/alert settings could not be read and were moved to .*alert-settings\.corrupt-/);
    alerts.dispose();
  });
});

describe('the alert settings schema', () => {
  it.each([
    ['ftp://hooks.example.com/x', false],
    ['https://user:secret@hooks.example.com/x', false],
    ['not a url', false],
    ['http://127.0.0.1:9000/hook', true],
    ['https://hooks.example.com/services/T000', true],
  ])('webhook URL %s valid: %s', (url, valid) => {
    expect(alertSettingsSchema.safeParse({ ...defaultAlertSettings, webhook: { enabled: true, url } }).success).toBe(valid);
  });

  it('refuses a webhook switched on without a URL and a warning level above the critical one', () => {
    expect(alertSettingsSchema.safeParse({ ...defaultAlertSettings, webhook: { enabled: true } }).error?.issues[0]?.message).toBe(
      'give the webhook URL, or turn the webhook off',
    );
    const rules = { ...defaultAlertSettings.rules, storageUsage: { enabled: true, warningPercent: 95, criticalPercent: 90 } };
    expect(alertSettingsSchema.safeParse({ ...defaultAlertSettings, rules }).success).toBe(false);
  });
});

const anAlert: Alert = {
  id: 'a',
  key: 'k',
  kind: 'host-down',
  rule: 'hostDown',
  severity: 'critical',
  hostId: 'h',
  hostName: 'h',
  title: 't',
  message: 'm',
  at: 0,
};

describe('WebhookSender', () => {
  it('times out a receiver that never answers, retries, and reports the failure once', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined);
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const failures: string[] = [];
    let attempts = 0;
    const sender = new WebhookSender(
      (_alert, reason) => failures.push(reason),
      { timeoutMs: 200, retryDelaysMs: [50, 50], maxQueued: 10 },
      (...args) => {
        attempts += 1;
        return postJson(...args);
      },
    );
    sender.send(url, anAlert);
    await expect.poll(() => failures, { timeout: 5_000 }).toEqual(['no answer within 200 ms (after 3 attempts)']);
    expect(attempts).toBe(3);
    sender.dispose();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('does not retry a 4xx answer', async () => {
    const server = http.createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const failures: string[] = [];
    const sender = new WebhookSender((_alert, reason) => failures.push(reason), { timeoutMs: 1_000, retryDelaysMs: [10], maxQueued: 10 });
    sender.send(url, anAlert);
    await expect.poll(() => failures).toEqual(['HTTP 404 (not retried)']);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
