import { describe, expect, it } from 'vitest';
import { DemoBridge } from '../demo-bridge';
import { demoHosts } from './demo-hosts';

const realSockets = ['/var/run/docker.sock', '/run/docker.sock'];

describe("the demo never claims this machine's daemon", () => {
  it('gives its local host an obviously made-up socket', () => {
    const unixHosts = demoHosts(Date.now()).filter((host) => host.profile.transport.type === 'unix');
    expect(unixHosts.length).toBeGreaterThan(0);
    for (const host of unixHosts) {
      const transport = host.profile.transport as { socketPath: string };
      expect(realSockets).not.toContain(transport.socketPath);
      expect(transport.socketPath).toMatch(/demo|sample/);
    }
  });

  it('answers local:detect with the same sample socket, not the real one', async () => {
    const bridge = new DemoBridge({ scenario: 'first-start' });
    const reply = await bridge.invoke('local:detect', {});
    expect(reply.ok).toBe(true);
    const endpoint = reply.ok ? reply.value?.endpoint : undefined;
    expect(endpoint).toBe('unix:///demo/sample-local/docker.sock');
    bridge.dispose();
  });
});
