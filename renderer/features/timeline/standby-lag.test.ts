import { describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/host-view';
import { standbyLagText } from './standby-lag';

const now = Date.parse('2026-12-01T10:00:00Z');

function host(id: string, standby: boolean): HostView {
  return {
    profile: { id, name: `lab ${id}`, tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } },
    status: standby
      ? { state: 'ready', since: now - 600_000, standby: { checkedAt: now - 40_000, nextCheckAt: now + 20_000 } }
      : { state: 'ready', since: now - 600_000 },
    lastSeenAt: now,
  };
}

describe('standbyLagText', () => {
  it('names the filtered host on standby and when it was last checked; says nothing of a live one', () => {
    const hosts = [host('tcp', true), host('btrfs', false)];
    expect(standbyLagText(hosts, 'tcp', now)).toBe(
      'lab tcp is on standby: its events arrive with each health check (last 40 s ago). Open the host to follow it live.',
    );
    expect(standbyLagText(hosts, 'btrfs', now)).toBeUndefined();
    expect(standbyLagText(hosts, 'gone', now)).toBeUndefined();
  });

  it('counts the hosts on standby for the whole fleet, and is silent when every host is live', () => {
    expect(standbyLagText([host('a', true), host('b', true), host('c', false)], '', now)).toBe(
      '2 hosts on standby: their events arrive with each health check, so the newest can be up to a check late.',
    );
    expect(standbyLagText([host('c', false)], '', now)).toBeUndefined();
  });
});
