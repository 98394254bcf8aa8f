import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts-contract.js';
import { AlertHistory } from './alert-history.js';

const alertOn = (hostId: string, n: number): Alert => ({
  id: `${hostId}-${n}`,
  key: `${hostId}|died|${n}`,
  kind: 'container-died',
  rule: 'containerDied',
  severity: 'warning',
  hostId,
  hostName: hostId,
  title: `${hostId}: c died (137)`,
  message: 'Container c exited with code 137 (SIGKILL).',
  at: n,
});

describe('hosts with open alerts', () => {
  it('come oldest first and keep that order as new alerts arrive, so the connection policy holds the same hosts', () => {
    const history = new AlertHistory(undefined);
    history.add(alertOn('h1', 1));
    history.add(alertOn('h2', 2));
    expect([...history.hostsWithOpenAlerts()]).toEqual(['h1', 'h2']);
    // One daemon event seen by many hosts raises alerts on all of them: the first hosts stay first.
    for (const [n, host] of ['h3', 'h4', 'h1', 'h5'].entries()) history.add(alertOn(host, 10 + n));
    expect([...history.hostsWithOpenAlerts()]).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    history.acknowledge(['h1-1', 'h1-12'], false, 100);
    expect([...history.hostsWithOpenAlerts()]).toEqual(['h2', 'h3', 'h4', 'h5']);
  });
});
