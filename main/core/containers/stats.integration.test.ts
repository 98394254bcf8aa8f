import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/containers.js';
import { type LabHarness, addLabHost, docker, labContainerSuite, ok, pushesOf, runScript } from '../../../test-support/lab-containers.js';

const suite = labContainerSuite();

function samplesOf(h: LabHarness, streamId: string): StatsSample[] {
  return pushesOf(h, 'stats:event', streamId).flatMap((event) => (event.type === 'sample' ? [event.sample] : []));
}

describe('stats', () => {
  it('change while a container burns CPU; CPU % within 10 points of docker stats --no-stream; top consumers rank it first', async () => {
    const h = await suite.harness();
    const hostId = await addLabHost(h, suite.lab, 'tcp');
    const idle = runScript(suite.lab, 'tcp', 'idle', 'sleep 600');
    const burner = runScript(suite.lab, 'tcp', 'burn', 'while :; do :; done');
    suite.made('tcp', idle, burner);

    const { streamId } = await ok(h.client.invoke('stats:open', { hostId, containerId: burner }));
    await expect.poll(() => samplesOf(h, streamId).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    const cli = docker(suite.lab, 'tcp', 'stats', '--no-stream', '--format', '{{.CPUPerc}} {{.PIDs}}', burner).trim();
    const [cliCpuText = '', cliPids = ''] = cli.split(' ');
    const cliCpu = Number(cliCpuText.replace('%', ''));
    const recent = samplesOf(h, streamId).slice(-3);
    const ours = recent.reduce((sum, sample) => sum + sample.cpuPercent, 0) / recent.length;
    // The machine is shared, so the burner gets what the scheduler leaves; an idle container reads ~0.
    expect(cliCpu).toBeGreaterThan(5);
    expect(Math.abs(ours - cliCpu)).toBeLessThanOrEqual(10);
    const last = recent.at(-1) as StatsSample;
    expect(last.pids).toBe(Number(cliPids));
    expect(last.memoryUsage).toBeGreaterThan(0);
    expect(last.memoryLimit).toBeGreaterThan(last.memoryUsage);
    expect(last.memoryPercent).toBeCloseTo((last.memoryUsage / last.memoryLimit) * 100, 5);
    // The readings change from sample to sample (time and CPU counters move on).
    expect(new Set(samplesOf(h, streamId).map((sample) => sample.time)).size).toBe(samplesOf(h, streamId).length);

    const top = await ok(h.client.invoke('stats:top', { hostId, limit: 3 }));
    expect(top.running).toBeGreaterThanOrEqual(2);
    expect(top.byCpu[0]?.name).toBe(burner);
    expect(top.byCpu.length).toBeLessThanOrEqual(3);

    await ok(h.client.invoke('stats:close', { streamId }));
    const count = samplesOf(h, streamId).length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(samplesOf(h, streamId).length).toBe(count);
    expect(h.service.openContainerStreams()).toBe(0);
  });
});
