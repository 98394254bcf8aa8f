import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionMode } from '../host-session.js';
import { ConnectionPolicy } from './connection-policy.js';

/** Sessions as the policy sees them: a mode per host, changed only through setMode. */
function fleet(count: number, alerts: string[] = []) {
  const modes = new Map<string, SessionMode>();
  const ids = Array.from({ length: count }, (_, index) => `h${index}`);
  const changes: string[] = [];
  const deps = {
    hostIds: () => ids.filter((id) => modes.has(id)),
    alertHosts: () => alerts,
    mode: (id: string) => modes.get(id),
    setMode: (id: string, mode: SessionMode) => {
      modes.set(id, mode);
      changes.push(`${id}:${mode}`);
    },
  };
  const live = () => [...modes].filter(([, mode]) => mode === 'live').map(([id]) => id);
  return { ids, modes, deps, changes, live, alerts };
}

describe('ConnectionPolicy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds every host live while the fleet is within the limit', () => {
    const f = fleet(3);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 3 });
    policy.expect(f.ids);
    for (const id of f.ids) f.modes.set(id, policy.modeOf(id));
    expect(f.live()).toEqual(['h0', 'h1', 'h2']);
  });

  it('starts a fleet over the limit on standby, except focused and alerting hosts', async () => {
    const f = fleet(5, ['h4']);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 2 });
    policy.focus('client-1', ['h1']);
    policy.expect(f.ids);
    for (const id of f.ids) f.modes.set(id, policy.modeOf(id));
    policy.expect([]);
    await Promise.resolve();
    expect(f.live()).toEqual(['h1', 'h4']);
  });

  it('promotes a focused host at once and demotes one that left view only after the linger', async () => {
    const f = fleet(4);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 1, lingerMs: 30_000 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.focus('client-1', ['h2']);
    expect(f.live()).toEqual(['h2']);
    policy.focus('client-1', ['h3']);
    expect(f.live()).toEqual(['h2', 'h3']);
    // Flicking back within the linger keeps it live without a reconnect.
    await vi.advanceTimersByTimeAsync(10_000);
    policy.focus('client-1', ['h2']);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(f.live()).toEqual(['h2', 'h3']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(f.live()).toEqual(['h2']);
    expect(f.changes).toEqual(['h2:live', 'h3:live', 'h3:standby']);
  });

  it('lets the most recently focused hosts win when more are focused than the limit', () => {
    const f = fleet(6);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 2 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.focus('client-1', ['h0', 'h1']);
    policy.focus('client-2', ['h4', 'h5', 'h3']);
    expect([...policy.wantedLive()].sort()).toEqual(['h4', 'h5']);
    // client-2 goes away: client-1's hosts are what is in view.
    policy.dropClient('client-2');
    expect([...policy.wantedLive()].sort()).toEqual(['h0', 'h1']);
  });

  it('holds a host an invoke uses live even past the limit, and lets it linger after the release', async () => {
    const f = fleet(3);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 1, lingerMs: 5_000 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.focus('client-1', ['h0']);
    const release = policy.use('h2');
    const again = policy.use('h2');
    expect(f.live().sort()).toEqual(['h0', 'h2']);
    release();
    release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.modes.get('h2')).toBe('live');
    again();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.live()).toEqual(['h0']);
  });

  it('fills the room left by focus with hosts that have an unacknowledged alert', () => {
    const f = fleet(4, ['h3', 'h2']);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 2 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.focus('client-1', ['h0']);
    expect(f.live().sort()).toEqual(['h0', 'h3']);
    f.alerts.splice(0, 2);
    policy.update();
    expect([...policy.wantedLive()]).toEqual(['h0']);
  });

  it('keeps an alerting host that is live in its slot when the order of open alerts shifts', () => {
    const f = fleet(5, ['h1', 'h2', 'h3']);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 2 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.update();
    expect(f.live().sort()).toEqual(['h1', 'h2']);
    // New alerts and a rotated history put other hosts first: the live ones stay, none is promoted.
    f.alerts.splice(0, 3, 'h4', 'h3', 'h2', 'h1');
    f.changes.length = 0;
    policy.update();
    expect([...policy.wantedLive()].sort()).toEqual(['h1', 'h2']);
    expect(f.changes).toEqual([]);
  });

  it('holds every host live again when the limit is raised above the fleet', () => {
    const f = fleet(3);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 1 });
    for (const id of f.ids) f.modes.set(id, 'standby');
    policy.setLimit(3);
    expect(f.live()).toEqual(['h0', 'h1', 'h2']);
  });

  it('forgets the linger of a removed host and does nothing after dispose', async () => {
    const f = fleet(2);
    const policy = new ConnectionPolicy(f.deps, { liveSessionLimit: 1, lingerMs: 1_000 });
    f.modes.set('h0', 'live');
    f.modes.set('h1', 'live');
    policy.update();
    f.modes.delete('h1');
    policy.update();
    policy.dispose();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(f.changes).toEqual([]);
  });
});
