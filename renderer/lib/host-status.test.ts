import { describe, expect, it } from 'vitest';
import { isLive, standbyOf, summarizeStatus } from './host-status';

describe('summarizeStatus', () => {
  const now = 1_800_000_000_000;
  const standby = { state: 'ready' as const, since: now - 3_600_000, standby: { checkedAt: now - 40_000, nextCheckAt: now + 20_000 } };

  it('tells a standby host from a live one, with when it was checked', () => {
    expect(summarizeStatus(standby, now)).toEqual({ tone: 'standby', label: 'Standby · checked 40 s ago' });
    expect(summarizeStatus(standby, now, true)).toEqual({ tone: 'standby', label: 'Standby · 40 s ago' });
    expect(summarizeStatus(standby)).toEqual({ tone: 'standby', label: 'Standby' });
    expect(summarizeStatus({ ...standby, standby: { checkedAt: now - 2_000, nextCheckAt: now } }, now).label).toBe(
      'Standby · checked just now',
    );
    expect(summarizeStatus({ state: 'ready', since: now }, now)).toEqual({ tone: 'ok', label: 'Ready' });
  });

  it('counts only a ready host without standby as live', () => {
    expect(isLive(standby)).toBe(false);
    expect(standbyOf(standby)).toEqual(standby.standby);
    expect(isLive({ state: 'ready', since: now })).toBe(true);
    expect(isLive({ state: 'connecting' })).toBe(false);
    expect(standbyOf({ state: 'connecting' })).toBeUndefined();
  });
});
