import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDiskUsage } from './disk-usage.js';
import { loadFixture } from '../../test-support/docker-fixtures.js';

function body(name: string): unknown {
  return (loadFixture(`system-df/${name}`) as { body: unknown }).body;
}

describe('readDiskUsage, legacy shape (API < 1.52)', () => {
  it('reads the Engine API specification example', () => {
    expect(readDiskUsage(body('legacy-swagger-example.json'))).toEqual({
      images: { count: 1, active: 1, sizeBytes: 1_092_588, reclaimableBytes: 0 },
      // The one container is exited and reports no SizeRw.
      containers: { count: 1, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      volumes: { count: 1, active: 1, sizeBytes: 10_920_104, reclaimableBytes: 0 },
      // Both records are shared: not counted in the size, as `docker system df` does.
      buildCache: { count: 2, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      shape: 'legacy',
    });
  });

  it('computes active and reclaimable the way docker system df does', () => {
    const usage = readDiskUsage({
      LayersSize: 1000,
      Images: [
        { Id: 'a', Size: 600, SharedSize: 100, Containers: 2 },
        { Id: 'b', Size: 300, SharedSize: 100, Containers: 0 },
        { Id: 'c', Size: 250, SharedSize: -1, Containers: 0 },
        {
          Id: 'd',
          Size: 50,
          SharedSize: 0,
          Containers: 0,
          Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', size: 7 },
        },
      ],
      Containers: [
        { Id: '1', State: 'running', SizeRw: 10 },
        { Id: '2', State: 'paused', SizeRw: 20 },
        { Id: '3', State: 'restarting', SizeRw: 40 },
        { Id: '4', State: 'exited', SizeRw: 80 },
        { Id: '5', State: 'created', SizeRw: 160 },
        { Id: '6', State: 'dead' },
      ],
      Volumes: [
        { Name: 'used', UsageData: { Size: 100, RefCount: 1 } },
        { Name: 'unused', UsageData: { Size: 30, RefCount: 0 } },
        { Name: 'not computed', UsageData: { Size: -1, RefCount: -1 } },
        { Name: 'no usage data' },
      ],
      BuildCache: [
        { ID: 'x', InUse: true, Shared: false, Size: 5 },
        { ID: 'y', InUse: false, Shared: false, Size: 7 },
        { ID: 'z', InUse: true, Shared: true, Size: 1000 },
      ],
    });
    expect(usage).toEqual({
      images: { count: 4, active: 1, sizeBytes: 1000, reclaimableBytes: 200 + 50 + 7 },
      containers: { count: 6, active: 3, sizeBytes: 310, reclaimableBytes: 240 },
      volumes: { count: 4, active: 1, sizeBytes: 130, reclaimableBytes: 30 },
      buildCache: { count: 3, active: 2, sizeBytes: 12, reclaimableBytes: 7 },
      shape: 'legacy',
    });
  });

  it('reads BuilderSize when an old daemon sends no BuildCache list', () => {
    const usage = readDiskUsage({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuilderSize: 4096 });
    expect(usage?.buildCache).toEqual({ count: 0, active: 0, sizeBytes: 4096, reclaimableBytes: 4096 });
  });

  it('takes null lists (as Go encodes empty slices) as empty', () => {
    const usage = readDiskUsage({ LayersSize: 0, Images: null, Containers: null, Volumes: null, BuildCache: null });
    expect(usage).toEqual({
      images: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      containers: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      volumes: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      buildCache: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      shape: 'legacy',
    });
  });
});

describe('readDiskUsage, summary shape (API >= 1.52)', () => {
  it('prefers the summary objects over the legacy lists sent alongside', () => {
    expect(readDiskUsage(body('summary-api-1.52-constructed.json'))).toEqual({
      images: { count: 4, active: 1, sizeBytes: 98_765_432, reclaimableBytes: 12_345_678 },
      containers: { count: 5, active: 2, sizeBytes: 12_288, reclaimableBytes: 4096 },
      volumes: { count: 3, active: 1, sizeBytes: 10_920_104, reclaimableBytes: 2_000_000 },
      buildCache: { count: 2, active: 0, sizeBytes: 51, reclaimableBytes: 51 },
      shape: 'summary',
    });
  });

  it('reads only the categories asked for (?type=image), the rest empty', () => {
    const usage = readDiskUsage({ ImageUsage: { TotalCount: 2, ActiveCount: 1, TotalSize: 10, Reclaimable: 4 } });
    expect(usage).toEqual({
      images: { count: 2, active: 1, sizeBytes: 10, reclaimableBytes: 4 },
      containers: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      volumes: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      buildCache: { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 },
      shape: 'summary',
    });
  });

  it('treats missing or odd summary fields as 0', () => {
    const usage = readDiskUsage({ VolumeUsage: { TotalCount: '3', ActiveCount: -1, TotalSize: null } });
    expect(usage?.volumes).toEqual({ count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 });
  });
});

describe('readDiskUsage on odd input', () => {
  it.each([null, undefined, 42, 'df', [], {}, { message: 'page not found' }])('%j is no disk usage', (value) => {
    expect(readDiskUsage(value)).toBeNull();
  });

  it('never throws on arbitrary JSON, and every figure is a non-negative integer', () => {
    const legacyish = fc.record(
      {
        LayersSize: fc.jsonValue(),
        Images: fc.oneof(
          fc.jsonValue(),
          fc.array(fc.dictionary(fc.constantFrom('Size', 'SharedSize', 'Containers', 'Descriptor'), fc.jsonValue())),
        ),
        Containers: fc.oneof(fc.jsonValue(), fc.array(fc.dictionary(fc.constantFrom('State', 'SizeRw'), fc.jsonValue()))),
        Volumes: fc.oneof(
          fc.jsonValue(),
          fc.array(fc.record({ UsageData: fc.dictionary(fc.constantFrom('Size', 'RefCount'), fc.jsonValue()) })),
        ),
        BuildCache: fc.jsonValue(),
        ImageUsage: fc.oneof(
          fc.jsonValue(),
          fc.dictionary(fc.constantFrom('TotalCount', 'ActiveCount', 'TotalSize', 'Reclaimable'), fc.jsonValue()),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), legacyish), (value) => {
        const usage = readDiskUsage(value);
        if (usage === null) return;
        for (const category of [usage.images, usage.containers, usage.volumes, usage.buildCache]) {
          for (const figure of Object.values(category)) {
            expect(Number.isSafeInteger(figure) && figure >= 0).toBe(true);
          }
        }
      }),
    );
  });
});
