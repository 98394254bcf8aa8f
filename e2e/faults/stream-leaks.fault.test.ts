import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabDaemonName, LabManifest } from '../lab/manifest.js';
import { labCtlAsync } from '../lab/manifest.js';
import { requireLab } from '../support/lab-hosts.js';
import {
  type LabHarness,
  addLabHost,
  labDockerode,
  labHarness,
  ok,
  pushesOf,
  removeContainers,
  runScript,
} from '../../test-support/lab-containers.js';
import { recordFault } from './fault-ledger.js';

let lab: LabManifest;
let harness: LabHarness | undefined;
const made: Array<{ daemon: LabDaemonName; name: string }> = [];

beforeAll(() => {
  lab = requireLab();
});

afterAll(async () => {
  await harness?.dispose();
  for (const { daemon, name } of made.splice(0)) removeContainers(lab, daemon, name);
});

/** This process's open TCP sockets to `port` (Node's own handle list: what is really held). */
function socketsTo(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((handle) => (handle as { remotePort?: unknown; destroyed?: boolean }).remotePort === port).length;
}

/** Exec processes still running in a container, as the daemon reports them (`ExecIDs` with Running). */
async function runningExecs(daemon: LabDaemonName, container: string): Promise<number> {
  const docker = labDockerode(lab, daemon);
  const info = await docker.getContainer(container).inspect();
  let running = 0;
  for (const id of info.ExecIDs ?? []) {
    const exec = await docker
      .getExec(id)
      .inspect()
      .catch(() => undefined);
    if (exec?.Running) running += 1;
  }
  return running;
}

interface HostStreams {
  daemon: LabDaemonName;
  hostId: string;
  container: string;
  logs: string;
  stats: string;
  exec: string;
}

async function openStreams(h: LabHarness, daemon: LabDaemonName, hostId: string, container: string): Promise<HostStreams> {
  const logs = (await ok(h.client.invoke('logs:open', { hostId, containerId: container, follow: true, tail: 10 }))).streamId;
  const stats = (await ok(h.client.invoke('stats:open', { hostId, containerId: container }))).streamId;
  const exec = (await ok(h.client.invoke('exec:open', { hostId, containerId: container, command: ['sh'], cols: 80, rows: 24 }))).streamId;
  // A foreground process: closing stdin alone would not end it, and dockerd keeps an exec whose client left.
  await ok(h.client.invoke('exec:input', { streamId: exec, data: 'sleep 600\n' }));
  await expect.poll(() => pushesOf(h, 'logs:event', logs).some((event) => event.type === 'lines'), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => pushesOf(h, 'stats:event', stats).some((event) => event.type === 'sample'), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => runningExecs(daemon, container), { timeout: 30_000 }).toBe(1);
  return { daemon, hostId, container, logs, stats, exec };
}

describe('open streams while their host drops', () => {
  it('logs, stats and a terminal over tcp and SSH leak no socket, channel, exec or stream when dockerd and sshd restart', async () => {
    let survived = false;
    try {
      harness = await labHarness(lab, { resumeRetryMs: 200 });
      const h = harness;
      const tcpHost = await addLabHost(h, lab, 'tcp');
      const sshHost = await addLabHost(h, lab, 'ssh');
      // Numbered lines forever; restarted with its daemon, as a service would be.
      const script = 'i=0; while :; do i=$((i+1)); echo "line $i"; sleep 0.1; done';
      const tcpContainer = runScript(lab, 'tcp', 'leaks', script, ['--restart', 'unless-stopped']);
      made.push({ daemon: 'tcp', name: tcpContainer });
      const sshContainer = runScript(lab, 'ssh', 'leaks', script, ['--restart', 'unless-stopped']);
      made.push({ daemon: 'ssh', name: sshContainer });
      const tcpPort = lab.daemons.tcp.transport.type === 'tcp' ? lab.daemons.tcp.transport.port : 0;
      const sshPort = lab.ssh.port;
      /**
       * Sockets (SSH: channels) a host's connection has in its agents' pools: in use, plus the idle
       * kept-alive ones when asked (Node unrefs those, so the process's handle list leaves them out).
       */
      const held = (hostId: string, withIdle = false) => {
        const sockets = h.service.connectionSockets(hostId);
        return sockets ? sockets.requests + sockets.streams + (withIdle ? sockets.free : 0) : Number.NaN;
      };
      /** Channels open on the SSH host's connection, whether an agent still holds them or not. */
      const sshChannels = () => {
        const open = h.service.sshOpenChannels(sshHost);
        return open ? open.requests + open.streams : Number.NaN;
      };

      // What the idle hosts hold: each its /events stream (and kept-alive request sockets).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const inUse = (hostId: string) => h.service.connectionSockets(hostId)?.streams;
      const idle = { tcp: inUse(tcpHost), ssh: inUse(sshHost) };
      expect(idle.tcp).toBeGreaterThanOrEqual(1);
      expect(idle.ssh).toBeGreaterThanOrEqual(1);
      expect(socketsTo(sshPort)).toBe(1);

      const streams = [await openStreams(h, 'tcp', tcpHost, tcpContainer), await openStreams(h, 'ssh', sshHost, sshContainer)];
      expect(h.service.openContainerStreams()).toBe(6);
      // Logs and stats in use in the stream agent; the hijacked exec socket has left it but is open.
      for (const hostId of [tcpHost, sshHost]) expect(inUse(hostId)).toBe(idle[hostId === tcpHost ? 'tcp' : 'ssh']! + 2);
      expect(socketsTo(tcpPort) - held(tcpHost)).toBe(1);
      expect(sshChannels() - held(sshHost, true)).toBe(1);

      // The faults: the tcp daemon and the lab sshd restart under the open streams.
      await Promise.all([labCtlAsync('restart', 'tcp'), labCtlAsync('restart', 'sshd')]);

      const types = (channel: 'logs:event' | 'stats:event' | 'exec:event', streamId: string) =>
        pushesOf(h, channel, streamId).map((event) => event.type);
      // Every stream says so. Over SSH the container kept running: logs and stats resume. dockerd
      // stops its containers when it stops, so on tcp they may end instead (the container stopped).
      const [tcp, ssh] = streams as [HostStreams, HostStreams];
      for (const channel of ['logs:event', 'stats:event'] as const) {
        await expect.poll(() => types(channel, ssh[channel === 'logs:event' ? 'logs' : 'stats']), { timeout: 60_000 }).toContain('resumed');
        expect(types(channel, ssh[channel === 'logs:event' ? 'logs' : 'stats'])).toContain('disconnected');
        await expect
          .poll(
            () => types(channel, tcp[channel === 'logs:event' ? 'logs' : 'stats']).some((type) => type === 'resumed' || type === 'ended'),
            {
              timeout: 60_000,
            },
          )
          .toBe(true);
      }
      for (const s of streams) await expect.poll(() => types('exec:event', s.exec), { timeout: 60_000 }).toContain('exit');
      // The terminal's process is ended in the container once its host is back, before the view closes.
      for (const s of streams) await expect.poll(() => runningExecs(s.daemon, s.container), { timeout: 60_000 }).toBe(0);

      // The views close.
      for (const s of streams) {
        await h.client.invoke('logs:close', { streamId: s.logs });
        await h.client.invoke('stats:close', { streamId: s.stats });
        await h.client.invoke('exec:close', { streamId: s.exec });
      }
      expect(h.service.openContainerStreams()).toBe(0);
      // Back to what the idle hosts hold, on their new connections, and no socket or channel
      // outside the agents' pools (a leaked hijacked exec socket would be one).
      await expect.poll(() => inUse(tcpHost), { timeout: 15_000 }).toBe(idle.tcp);
      await expect.poll(() => inUse(sshHost), { timeout: 15_000 }).toBe(idle.ssh);
      await expect.poll(() => socketsTo(tcpPort) - held(tcpHost), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => sshChannels() - held(sshHost, true), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => socketsTo(sshPort), { timeout: 15_000 }).toBe(1);
      for (const s of streams) expect(await runningExecs(s.daemon, s.container)).toBe(0);
      survived = true;
    } finally {
      recordFault('streams open while dockerd and sshd restart: nothing leaked', survived);
    }
  });
});
