import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/containers.js';
import { FaultProxy } from '../../../e2e/faults/fault-proxy.js';
import { addLabHost, dockerLogs, labContainerSuite, ok, pushesOf, runScript } from '../../../test-support/lab-containers.js';

const suite = labContainerSuite();

describe('logs across a dropped connection', () => {
  it('says disconnected, resumes from the last timestamp, and loses or repeats no line', async () => {
    const { host, port } = suite.lab.daemons.tcp.transport;
    const p = await new FaultProxy(host, port).start();
    suite.afterTest(() => p.close());
    const h = await suite.harness({ resumeRetryMs: 200 });
    const hostId = await addLabHost(h, suite.lab, 'tcp', {
      id: 'lab-proxied',
      transport: { type: 'tcp', host: '127.0.0.1', port: p.port },
    });
    // Several lines share a timestamp now and then (printed in one go), which is what the de-duplication must handle.
    const name = runScript(
      suite.lab,
      'tcp',
      'resume',
      'i=0; while [ $i -lt 600 ]; do i=$((i+1)); echo "line $i"; [ $((i % 10)) -eq 0 ] && sleep 0.05; done; sleep 600',
    );
    suite.made('tcp', name);
    const { streamId } = await ok(h.client.invoke('logs:open', { hostId, containerId: name, follow: true, tail: 'all' }));
    const lines = (): LogLine[] => pushesOf(h, 'logs:event', streamId).flatMap((event) => (event.type === 'lines' ? event.lines : []));
    await expect.poll(() => lines().length, { timeout: 30_000 }).toBeGreaterThan(50);

    // The link drops and the host is unreachable for a moment (the lab daemon itself keeps running).
    p.setMode('refuse');
    p.cutAll();
    await expect
      .poll(() => pushesOf(h, 'logs:event', streamId).some((event) => event.type === 'disconnected'), { timeout: 10_000 })
      .toBe(true);
    const atDrop = lines().length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    p.setMode('pass');
    await expect.poll(() => pushesOf(h, 'logs:event', streamId).some((event) => event.type === 'resumed'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => lines().length, { timeout: 30_000 }).toBe(600);
    expect(atDrop).toBeLessThan(600);
    const texts = lines().map((line) => line.text);
    expect(texts).toEqual(Array.from({ length: 600 }, (_, i) => `line ${i + 1}`));
    expect(texts).toEqual(dockerLogs(suite.lab, 'tcp', name).stdout);
    const kinds = pushesOf(h, 'logs:event', streamId)
      .map((event) => event.type)
      .filter((type) => type !== 'lines');
    expect(kinds).toEqual(['disconnected', 'resumed']);
    await ok(h.client.invoke('logs:close', { streamId }));
  });
});
