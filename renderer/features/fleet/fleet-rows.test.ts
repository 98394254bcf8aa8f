import { describe, expect, it } from 'vitest';
import { demoHosts } from '../../lib/demo/demo-hosts';
import { driftGroupOf, driftedColumns, fleetRow, groupMajorities, majorities, majorityOf, reclaimableOf, sortFleet } from './fleet-rows';

const rows = demoHosts(Date.UTC(2026, 10, 28)).map((host) =>
  fleetRow({ profile: host.profile, status: host.status, lastSeenAt: null }, host.snapshot ?? undefined),
);
const ids = (list: typeof rows) => list.map((row) => row.id);

describe('majorityOf', () => {
  it('finds the clear majority, ignoring hosts without a value', () => {
    expect(majorityOf(['24.0.7', '24.0.7', '20.10.24', null])).toEqual({ value: '24.0.7', count: 2, of: 3 });
  });

  it('has none when every host agrees, on a tie, or with single votes', () => {
    expect(majorityOf(['24.0.7', '24.0.7'])).toBeNull();
    expect(majorityOf(['a', 'a', 'b', 'b'])).toBeNull();
    expect(majorityOf(['a', 'b', 'c'])).toBeNull();
  });
});

describe('fleet rows of the demo fleet', () => {
  it('reads engine, driver, pool use and counts from each snapshot', () => {
    const legacy = rows.find((row) => row.id === 'legacy-build')!;
    expect(legacy).toMatchObject({
      engine: '1.12.1',
      api: '1.24',
      driver: 'devicemapper',
      usage: { kind: 'pool', fraction: 1, loopLvm: true },
      total: 23,
    });
    const waiting = rows.find((row) => row.id === 'edge-gw-01')!;
    expect(waiting).toMatchObject({ engine: null, usage: null, total: null, lastSeenAt: null });
  });

  it('flags versions that differ from the majority', () => {
    const majority = majorities(rows);
    expect(majority.engine?.value).toBe('24.0.7');
    expect(
      rows
        .filter((row) => row.engine !== null && row.engine !== majority.engine?.value)
        .map((row) => row.id)
        .sort(),
    ).toEqual(['legacy-build', 'local']);
  });

  it('flags drift only within a tag group, and never for storage drivers', () => {
    const groups = groupMajorities(rows);
    const drifted = rows.filter((row) => driftedColumns(row, groups.get(driftGroupOf(row))).length > 0).map((row) => row.id);
    // legacy-build is alone in its tag group: nothing to differ from, whatever the rest of the fleet runs.
    expect(drifted).not.toContain('legacy-build');
    expect(Object.keys(majorities(rows))).toEqual(['engine', 'api', 'kernel']);
    const twin = {
      ...rows[0]!,
      id: 'twin',
      engine: '1.0.0',
      host: { ...rows[0]!.host, profile: { ...rows[0]!.host.profile, id: 'twin' } },
    };
    const withTwin = [...rows, twin, { ...twin, id: 'twin-2', engine: rows[0]!.engine }];
    const regrouped = groupMajorities(withTwin);
    expect(driftedColumns(twin, regrouped.get(driftGroupOf(twin)))).toEqual(['engine']);
  });

  it('sorts by any column, hosts without the figure last in both directions', () => {
    const byUsage = sortFleet(rows, { key: 'usage', direction: 'desc' });
    expect(byUsage[0]?.id).toBe('legacy-build');
    const byReclaimable = sortFleet(rows, { key: 'reclaimable', direction: 'desc' });
    // Neither the waiting host nor the API 1.24 one (no /system/df) has a figure: last, by name.
    expect(ids(byReclaimable).slice(-2)).toEqual(['edge-gw-01', 'legacy-build']);
    expect(byReclaimable[0]!.reclaimable).toBeGreaterThanOrEqual(byReclaimable[1]!.reclaimable ?? 0);
    const byEngineAsc = sortFleet(rows, { key: 'engine', direction: 'asc' });
    expect(ids(byEngineAsc).slice(0, 2)).toEqual(['legacy-build', 'local']);
    expect(byEngineAsc.at(-1)?.id).toBe('edge-gw-01');
    expect(sortFleet(rows, { key: 'status', direction: 'asc' })[0]?.status.state).toBe('failed');
    expect(ids(sortFleet(rows, { key: 'name', direction: 'desc' }))[0]).toBe('staging-db');
  });
});

describe('Pool / disk and Reclaimable (issue 11, issue 14)', () => {
  const sshHost = demoHosts(Date.UTC(2026, 10, 28)).find((host) => host.profile.transport.type === 'ssh' && host.snapshot)!;
  const view = { profile: sshHost.profile, status: sshHost.status, lastSeenAt: null };

  it('shows the data root measured over SSH, never image bytes; a host without a measure says why', () => {
    const measured = fleetRow(view, sshHost.snapshot!, {
      kind: 'measured',
      path: '/var/lib/docker',
      filesystem: '/dev/sda1',
      mountedOn: '/',
      totalBytes: 1000,
      usedBytes: 850,
      availableBytes: 150,
      usedFraction: 0.85,
      level: 'warning',
      source: 'df -B1 -P over SSH',
      readAt: 0,
    });
    expect(measured.usage).toEqual({ kind: 'root', fraction: 0.85, usedBytes: 850, totalBytes: 1000, path: '/var/lib/docker' });
    expect(fleetRow(view, sshHost.snapshot!).usage).toBeNull();
    expect(fleetRow(view, sshHost.snapshot!, { kind: 'not-reported', message: 'no API for it' }).usage).toEqual({
      kind: 'unmeasured',
      why: 'no API for it',
    });
  });

  it('reclaimable sums the four /system/df categories, each at most its size', () => {
    const usage = sshHost.snapshot!.diskUsage!;
    const expected = [usage.images, usage.containers, usage.volumes, usage.buildCache].reduce(
      (sum, category) => sum + Math.min(category.reclaimableBytes, category.sizeBytes),
      0,
    );
    expect(reclaimableOf(sshHost.snapshot!)).toBe(expected);
    expect(reclaimableOf(undefined)).toBeNull();
  });
});
