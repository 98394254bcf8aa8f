import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StorageReading, StorageWarning } from '../snapshot.js';
import { readStorage, readStorageFromInfo } from './driver-status.js';
import { fixtureNames, loadDriverStatusFixture } from '../../test-support/docker-fixtures.js';

function readFixture(name: string): StorageReading {
  const fixture = loadDriverStatusFixture(name);
  return readStorage(fixture.Driver, fixture.DriverStatus);
}

function codes(reading: StorageReading): string[] {
  return reading.warnings.map((warning) => `${warning.code}:${warning.level}`).sort();
}

function warning(reading: StorageReading, code: StorageWarning['code']): StorageWarning {
  const found = reading.warnings.find((w) => w.code === code);
  if (!found) throw new Error(`no ${code} warning`);
  return found;
}

describe('published docker info outputs', () => {
  it.each(fixtureNames())('%s names its source and keeps every pair in order', (name) => {
    const fixture = loadDriverStatusFixture(name);
    expect(fixture.source).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/issues\/\d+$/);
    const reading = readStorage(fixture.Driver, fixture.DriverStatus);
    expect(reading.driver).toBe(fixture.Driver);
    expect(reading.status).toEqual(fixture.DriverStatus);
    expect(reading.warnings.some((w) => w.code === 'UNREADABLE_STATUS')).toBe(false);
  });

  it('loop-lvm from moby/moby#27409: exact figures, Total is not Used + Available', () => {
    const reading = readFixture('devicemapper-loop-lvm-moby-27409.json');
    expect(reading.reading.driver).toBe('devicemapper');
    expect(reading.pool).toEqual({
      poolName: 'docker-253:1-650320-pool',
      poolBlocksize: 65_540,
      baseDeviceSize: 10_740_000_000,
      backingFilesystem: 'xfs',
      dataFile: '/dev/loop0',
      metadataFile: '/dev/loop1',
      dataLoopFile: '/var/lib/docker/devicemapper/devicemapper/data',
      loopLvm: true,
      dataUsed: 5_223_000_000,
      dataTotal: 107_400_000_000,
      dataAvailable: 44_740_000_000,
      metadataUsed: 6_988_000,
      metadataTotal: 2_147_000_000,
      metadataAvailable: 2_140_000_000,
      dataUsedFraction: 5_223_000_000 / 107_400_000_000,
      metadataUsedFraction: 6_988_000 / 2_147_000_000,
      thinPoolMinimumFreeSpace: 10_740_000_000,
      udevSyncSupported: true,
      deferredRemovalEnabled: false,
      deferredDeletionEnabled: false,
      deferredDeletedDeviceCount: 0,
    });
    expect(reading.reading).toEqual({ driver: 'devicemapper', pool: reading.pool });
    const pool = reading.pool!;
    expect((pool.dataUsed ?? 0) + (pool.dataAvailable ?? 0)).not.toBe(pool.dataTotal);
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning', 'LOOP_LVM:warning']);
    expect(warning(reading, 'LOOP_LVM').message).toContain('direct-lvm is the production mode');
    expect(warning(reading, 'DRIVER_REMOVED').message).toContain('Docker Engine 25');
    expect(warning(reading, 'DRIVER_REMOVED').message).toContain('overlay2');
  });

  it('loop-lvm from moby/moby#33553: available below the minimum free space is critical', () => {
    const reading = readFixture('devicemapper-loop-lvm-low-free-moby-33553.json');
    expect(reading.pool).toMatchObject({
      dataUsed: 951_600_000,
      dataTotal: 107_400_000_000,
      dataAvailable: 1_777_000_000,
      metadataUsed: 3_002_000,
      metadataAvailable: 1_777_000_000,
      thinPoolMinimumFreeSpace: 10_740_000_000,
      metadataLoopFile: '/var/lib/docker/devicemapper/devicemapper/metadata',
      libraryVersion: '1.02.107-RHEL7 (2016-06-09)',
      loopLvm: true,
    });
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning', 'LOOP_LVM:warning', 'POOL_BELOW_MIN_FREE_SPACE:critical']);
    const low = warning(reading, 'POOL_BELOW_MIN_FREE_SPACE').message;
    expect(low).toContain('1.777 GB');
    expect(low).toContain('10.74 GB');
    expect(low).toContain('docker system prune');
  });

  it('full loop-lvm pool from moby/moby#26015: data at 100 % is critical', () => {
    const reading = readFixture('devicemapper-loop-lvm-full-moby-26015.json');
    expect(reading.pool).toMatchObject({
      dataUsed: 107_400_000_000,
      dataTotal: 107_400_000_000,
      dataAvailable: 0,
      dataUsedFraction: 1,
      metadataUsed: 119_800_000,
      backingFilesystem: 'ext4',
    });
    expect(codes(reading)).toEqual([
      'DRIVER_REMOVED:warning',
      'LOOP_LVM:warning',
      'POOL_BELOW_MIN_FREE_SPACE:critical',
      'POOL_DATA_HIGH:critical',
    ]);
    expect(warning(reading, 'POOL_DATA_HIGH').message).toContain('100 % used (107.4 GB of 107.4 GB)');
  });

  it('direct LVM volumes from rancher/rancher#2693 are not loop-lvm', () => {
    const reading = readFixture('devicemapper-direct-lvm-rancher-2693.json');
    expect(reading.pool).toMatchObject({
      poolName: 'docker-253:0-202318689-pool',
      dataFile: '/dev/vg-docker/data',
      metadataFile: '/dev/vg-docker/metadata',
      loopLvm: false,
      dataUsed: 16_660_000_000,
      dataTotal: 160_000_000_000,
      dataAvailable: 143_300_000_000,
      metadataUsed: 14_010_000,
      metadataTotal: 10_740_000_000,
      metadataAvailable: 10_720_000_000,
    });
    expect(reading.pool?.thinPoolMinimumFreeSpace).toBeUndefined();
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning']);
  });

  it('direct-lvm thin pool from kata-containers/runtime#1446, newer formatting', () => {
    const reading = readFixture('devicemapper-direct-lvm-thinpool-kata-1446.json');
    expect(reading.pool).toEqual({
      poolName: 'docker-thinpool',
      poolBlocksize: 524_300,
      baseDeviceSize: 10_740_000_000,
      backingFilesystem: 'xfs',
      loopLvm: false,
      udevSyncSupported: true,
      dataUsed: 6_162_000_000,
      dataTotal: 94_480_000_000,
      dataAvailable: 88_310_000_000,
      metadataUsed: 860_200,
      metadataTotal: 994_100_000,
      metadataAvailable: 993_200_000,
      dataUsedFraction: 6_162_000_000 / 94_480_000_000,
      metadataUsedFraction: 860_200 / 994_100_000,
      thinPoolMinimumFreeSpace: 9_448_000_000,
      deferredRemovalEnabled: true,
      deferredDeletionEnabled: true,
      deferredDeletedDeviceCount: 0,
      libraryVersion: '1.02.149-RHEL7 (2018-07-20)',
    });
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning']);
  });

  it('docker/cli#2495: "65.54kB" formatting, loop files, little free space', () => {
    const reading = readFixture('devicemapper-loop-lvm-newer-format-docker-cli-2495.json');
    expect(reading.pool).toMatchObject({
      poolBlocksize: 65_540,
      dataUsed: 390_600_000,
      dataTotal: 107_400_000_000,
      dataAvailable: 3_965_000_000,
      metadataUsed: 17_900_000,
      metadataTotal: 2_147_000_000,
      metadataAvailable: 2_130_000_000,
      thinPoolMinimumFreeSpace: 10_740_000_000,
      loopLvm: true,
    });
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning', 'LOOP_LVM:warning', 'POOL_BELOW_MIN_FREE_SPACE:critical']);
    expect(warning(reading, 'LOOP_LVM').message).toContain('/var/lib/docker/devicemapper/devicemapper/data');
  });

  it('overlay2 without d_type from docker/for-linux#419 is critical', () => {
    const reading = readFixture('overlay2-dtype-false-docker-for-linux-419.json');
    expect(reading.reading).toEqual({
      driver: 'overlay2',
      backingFilesystem: 'xfs',
      supportsDType: false,
      nativeOverlayDiff: true,
    });
    expect(reading.pool).toBeUndefined();
    expect(codes(reading)).toEqual(['D_TYPE_UNSUPPORTED:critical']);
    expect(warning(reading, 'D_TYPE_UNSUPPORTED').message).toContain('ftype=1');
  });

  it('legacy overlay without d_type from moby/moby#32651: critical, and the driver is gone', () => {
    const reading = readFixture('overlay-dtype-false-moby-32651.json');
    expect(reading.reading).toEqual({ driver: 'overlay', backingFilesystem: 'xfs', supportsDType: false });
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning', 'D_TYPE_UNSUPPORTED:critical']);
    expect(warning(reading, 'DRIVER_REMOVED').message).toContain('Docker Engine 24');
  });

  it('aufs from moby/moby#783 was removed in Engine 24', () => {
    const reading = readFixture('aufs-moby-783.json');
    expect(reading.reading).toEqual({
      driver: 'aufs',
      rootDir: '/var/lib/docker/aufs',
      backingFilesystem: 'extfs',
      dirs: 59,
      dirperm1Supported: false,
    });
    expect(codes(reading)).toEqual(['DRIVER_REMOVED:warning']);
    const message = warning(reading, 'DRIVER_REMOVED').message;
    expect(message).toContain('aufs');
    expect(message).toContain('Docker Engine 24');
    expect(message).toContain('overlay2');
  });

  it('zfs from moby/moby#18356 reports plain byte counts', () => {
    const reading = readFixture('zfs-moby-18356.json');
    expect(reading.reading).toEqual({
      driver: 'zfs',
      zpool: 'rpool',
      zpoolHealth: 'ONLINE',
      parentDataset: 'rpool/root',
      space: { used: 1_302_740_992, available: 45_657_931_776 },
      parentQuota: 'no',
      compression: 'lz4',
    });
    expect(reading.warnings).toEqual([]);
  });

  it('zfs from rancher/os#1592 with an error in place of the pool name', () => {
    const reading = readFixture('zfs-pool-error-rancher-os-1592.json');
    expect(reading.reading).toMatchObject({
      driver: 'zfs',
      zpoolHealth: 'not available',
      parentDataset: 'zpool1/docker',
      space: { used: 23_552, available: 1_895_635_456 },
      compression: 'off',
    });
    expect(reading.warnings).toEqual([]);
  });

  it('btrfs from moby/moby#20080', () => {
    const reading = readFixture('btrfs-moby-20080.json');
    expect(reading.reading).toEqual({ driver: 'btrfs', buildVersion: 'Btrfs v4.3.1', libraryVersion: 101 });
    expect(reading.warnings).toEqual([]);
  });
});

describe('readStorage on odd input', () => {
  it('takes a null status as empty, silently (vfs sends none)', () => {
    expect(readStorage('vfs', null)).toEqual({ driver: 'vfs', status: [], reading: { driver: 'vfs' }, warnings: [] });
  });

  it('skips malformed entries, keeps the rest in order, and says so', () => {
    const reading = readStorage('overlay2', [
      ['Backing Filesystem', 'extfs'],
      'Supports d_type: true',
      ['Supports d_type'],
      ['Native Overlay Diff', true],
      null,
      ['Supports d_type', 'true'],
      ['a', 'b', 'c'],
    ]);
    expect(reading.status).toEqual([
      ['Backing Filesystem', 'extfs'],
      ['Supports d_type', 'true'],
    ]);
    expect(reading.reading).toEqual({ driver: 'overlay2', backingFilesystem: 'extfs', supportsDType: true });
    expect(reading.warnings).toHaveLength(1);
    expect(reading.warnings[0]).toMatchObject({ level: 'info', code: 'UNREADABLE_STATUS' });
    expect(reading.warnings[0]?.message).toContain('5 storage driver status entries');
  });

  it('flags a status that is not a list', () => {
    const reading = readStorage('overlay2', { 'Backing Filesystem': 'extfs' });
    expect(reading.status).toEqual([]);
    expect(reading.warnings.map((w) => w.code)).toEqual(['UNREADABLE_STATUS']);
  });

  it('reads labels regardless of case and spacing; the first of a repeated label wins', () => {
    const reading = readStorage('devicemapper', [
      ['Data File', '/dev/loop0'],
      ['data  space used', '9.5 GB'],
      ['Data Space Total', '10 GB'],
      ['Data Space Total', '20 GB'],
    ]);
    expect(reading.pool).toMatchObject({ dataFile: '/dev/loop0', loopLvm: true, dataUsed: 9_500_000_000, dataTotal: 10_000_000_000 });
    expect(codes(reading)).toContain('POOL_DATA_HIGH:critical');
  });

  it('keeps unknown drivers as "other" with their name', () => {
    const reading = readStorage('overlayfs', [['driver-type', 'io.containerd.snapshotter.v1']]);
    expect(reading.reading).toEqual({ driver: 'other', name: 'overlayfs' });
    expect(reading.status).toEqual([['driver-type', 'io.containerd.snapshotter.v1']]);
    expect(reading.warnings).toEqual([]);
  });

  it('reads a whole /info body', () => {
    const reading = readStorageFromInfo({ Driver: 'overlay2', DriverStatus: [['Supports d_type', 'false']] });
    expect(reading.warnings.map((w) => w.code)).toEqual(['D_TYPE_UNSUPPORTED']);
    expect(readStorageFromInfo('nonsense')).toEqual({ driver: '', status: [], reading: { driver: 'other', name: '' }, warnings: [] });
  });

  it('never throws on arbitrary JSON', () => {
    const label = fc.constantFrom(
      'Pool Name',
      'Data Space Used',
      'Data Space Total',
      'Data Space Available',
      'Metadata Space Used',
      'Metadata Space Total',
      'Thin Pool Minimum Free Space',
      'Data loop file',
      'Supports d_type',
      'Dirs',
      'Library Version',
    );
    const driver = fc.oneof(fc.constantFrom('devicemapper', 'overlay2', 'overlay', 'aufs', 'zfs', 'btrfs', 'vfs'), fc.jsonValue());
    const status = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.tuple(label, fc.string())),
      fc.array(fc.oneof(fc.tuple(label, fc.jsonValue()), fc.jsonValue())),
    );
    fc.assert(
      fc.property(driver, status, (name, driverStatus) => {
        const reading = readStorage(name, driverStatus);
        expect(Array.isArray(reading.status)).toBe(true);
        for (const w of reading.warnings) expect(w.message.length).toBeGreaterThan(20);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (name, driverStatus) => {
        readStorage(name, driverStatus);
      }),
    );
  });
});
