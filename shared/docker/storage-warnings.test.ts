import { describe, expect, it } from 'vitest';
import type { StorageWarning } from '../snapshot.js';
import { readStorage } from './driver-status.js';

function poolWarnings(pairs: Array<[string, string]>): StorageWarning[] {
  return readStorage('devicemapper', [['Pool Name', 'docker-thinpool'], ...pairs]).warnings.filter((w) => w.code !== 'DRIVER_REMOVED');
}

describe('thin pool thresholds (used / total)', () => {
  it.each([
    ['79.9 GB', undefined],
    ['80 GB', 'warning'],
    ['89.99 GB', 'warning'],
    ['90 GB', 'critical'],
    ['100 GB', 'critical'],
  ])('data %s of 100 GB', (used, level) => {
    const warnings = poolWarnings([
      ['Data Space Used', used],
      ['Data Space Total', '100 GB'],
    ]);
    expect(warnings.find((w) => w.code === 'POOL_DATA_HIGH')?.level).toBe(level);
  });

  it('uses total, not used + available, as the denominator', () => {
    // Available can be far below total - used (the pool's files are sparse).
    const warnings = poolWarnings([
      ['Data Space Used', '50 GB'],
      ['Data Space Total', '100 GB'],
      ['Data Space Available', '1 GB'],
    ]);
    expect(warnings.map((w) => w.code)).toEqual([]);
  });

  it('warns on metadata separately, and says how to extend it', () => {
    const warnings = poolWarnings([
      ['Metadata Space Used', '28 MB'],
      ['Metadata Space Total', '29.36 MB'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'POOL_METADATA_HIGH', level: 'critical' });
    expect(warnings[0]?.message).toContain('--poolmetadatasize');
    expect(warnings[0]?.message).toContain('"docker-thinpool"');
  });

  it('does not guess without a total', () => {
    expect(poolWarnings([['Data Space Used', '100 GB']])).toEqual([]);
    expect(
      poolWarnings([
        ['Data Space Used', '1 GB'],
        ['Data Space Total', '0 B'],
      ]),
    ).toEqual([]);
  });

  it('warns when available falls below the minimum free space, and only then', () => {
    const at = poolWarnings([
      ['Data Space Available', '10 GB'],
      ['Thin Pool Minimum Free Space', '10 GB'],
    ]);
    expect(at).toEqual([]);
    const below = poolWarnings([
      ['Data Space Available', '9.999 GB'],
      ['Thin Pool Minimum Free Space', '10 GB'],
    ]);
    expect(below.map((w) => `${w.code}:${w.level}`)).toEqual(['POOL_BELOW_MIN_FREE_SPACE:critical']);
    expect(below[0]?.message).toContain('lvextend');
  });
});

describe('driver warnings', () => {
  it('does not warn about overlay2 with d_type, or with d_type unknown', () => {
    expect(readStorage('overlay2', [['Supports d_type', 'true']]).warnings).toEqual([]);
    expect(readStorage('overlay2', []).warnings).toEqual([]);
  });

  it('every message tells the operator what to do', () => {
    const readings = [
      readStorage('aufs', []),
      readStorage('overlay2', [['Supports d_type', 'false']]),
      readStorage('devicemapper', [
        ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data'],
        ['Data Space Used', '95 GB'],
        ['Data Space Total', '100 GB'],
        ['Metadata Space Used', '2 GB'],
        ['Metadata Space Total', '2 GB'],
        ['Data Space Available', '1 GB'],
        ['Thin Pool Minimum Free Space', '10 GB'],
      ]),
    ];
    const warnings = readings.flatMap((r) => r.warnings);
    expect(new Set(warnings.map((w) => w.code))).toEqual(
      new Set(['DRIVER_REMOVED', 'D_TYPE_UNSUPPORTED', 'LOOP_LVM', 'POOL_DATA_HIGH', 'POOL_METADATA_HIGH', 'POOL_BELOW_MIN_FREE_SPACE']),
    );
    for (const w of warnings) {
      expect(w.message).toMatch(/migrat|reformat|move|prune|extend|direct-lvm|formatted/i);
    }
  });
});
