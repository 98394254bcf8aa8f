import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, defaultAlertSettings } from '../../shared/alerts-contract.js';
import type { TimelineEvent } from '../../shared/timeline-contract.js';
import type { BerthService } from '../../main/core/app/berth-service.js';
import { testAppService } from '../../test-support/test-service.js';
import { type LabManifest, labDockerArgs } from '../lab/manifest.js';
import { requireLab } from '../support/lab-hosts.js';
import { recordPushes } from '../../test-support/service-fakes.js';
import { docker, labPrefix, removeContainers } from '../../test-support/lab-containers.js';
import { recordFault } from './fault-ledger.js';
import { FaultProxy } from './fault-proxy.js';

let lab: LabManifest;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-alert-faults-'));
beforeAll(() => {
  lab = requireLab();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

const identity = (timeNano: number, type: string, action: string, id: string) => `${timeNano} ${type} ${action} ${id}`;

describe('alerts and the timeline under faults', () => {
  it('a daemon frozen past the grace period: one "down", one "recovered", and the timeline equals docker events', async () => {
    const { transport } = lab.daemons.btrfs;
    if (transport.type !== 'tcp') throw new Error('the lab btrfs daemon listens on tcp');
    // The proxy stalls every byte both ways, which to Berth is a frozen daemon, while the lab
    // (and the other users of the shared daemon) still reach it directly.
    const proxy = await new FaultProxy(transport.host, transport.port).start();
    const name = `${labPrefix}frozen-${process.pid}`;
    let service: BerthService | undefined;
    let recovered = false;
    try {
      service = await testAppService(dataDir, {
        testHooks: {
          connections: { timeoutMs: 2_000, heartbeatMs: 1_000, backoff: { initialMs: 250, maxMs: 2_000, random: Math.random } },
        },
      });
      const pushes = recordPushes(service);
      await ok(
        service.invoke('alerts:save-settings', {
          settings: { ...defaultAlertSettings, rules: { ...defaultAlertSettings.rules, hostDown: { enabled: true, graceSeconds: 5 } } },
        }),
      );
      await ok(
        service.invoke('hosts:save', {
          draft: { id: 'frozen', name: 'frozen btrfs', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: proxy.port } },
        }),
      );
      await expect.poll(async () => (await ok(service!.invoke('hosts:list', {})))[0]?.status.state, { timeout: 30_000 }).toBe('ready');
      const since = Math.floor(Date.now() / 1000);

      proxy.setMode('stall');
      await expect.poll(async () => (await ok(service!.invoke('hosts:list', {})))[0]?.status.state, { timeout: 30_000 }).not.toBe('ready');
      docker(lab, 'btrfs', 'create', '--network', 'none', '--name', name, lab.image, 'sleep', '60');
      docker(lab, 'btrfs', 'start', name);
      docker(lab, 'btrfs', 'stop', '-t', '0', name);
      // Frozen well past the 5 s grace, through several reconnect attempts.
      await new Promise((resolve) => setTimeout(resolve, 9_000));
      proxy.cutAll();
      proxy.setMode('pass');
      await expect.poll(async () => (await ok(service!.invoke('hosts:list', {})))[0]?.status.state, { timeout: 60_000 }).toBe('ready');
      // Ready for a while: nothing more may come.
      await new Promise((resolve) => setTimeout(resolve, 3_000));

      const raised = pushes.messages.flatMap((message) => (message.channel === 'alerts:raised' ? [message.payload.alert] : []));
      const outage = raised.filter((alert: Alert) => alert.hostId === 'frozen' && alert.rule === 'hostDown');
      expect(outage.map((alert) => alert.kind)).toEqual(['host-down', 'host-recovered']);
      expect(outage[0]!.title).toBe('frozen btrfs: unreachable');

      service.flushTimeline();
      const untilSeconds = Math.floor(Date.now() / 1000) - 1;
      const page = await ok(service.invoke('timeline:query', { hostId: 'frozen', limit: 5_000 }));
      const timeline = page.events
        .filter((event: TimelineEvent) => event.timeNano >= since * 1e9 && event.timeNano <= untilSeconds * 1e9)
        .reverse()
        .map((event) => identity(event.timeNano, event.type, event.action, event.actorId));
      const result = spawnSync(
        'docker',
        [...labDockerArgs(lab, 'btrfs'), 'events', '--since', String(since), '--until', String(untilSeconds), '--format', '{{json .}}'],
        { encoding: 'utf8', timeout: 30_000 },
      );
      const expected = result.stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { timeNano: number; Type: string; Action: string; Actor: { ID: string } })
        .map((event) => identity(event.timeNano, event.Type, event.Action, event.Actor.ID));
      expect(expected.some((line) => line.includes(' start '))).toBe(true);
      expect(timeline).toEqual(expected);
      recovered = true;
    } finally {
      recordFault('daemon frozen past the alert grace period', recovered);
      await service?.dispose();
      await proxy.close();
      removeContainers(lab, 'btrfs', name);
    }
  });
});
