import { describe, expect, it } from 'vitest';
import { imageLimits, readImageList } from './images.js';

describe('readImageList', () => {
  it('reads ids, tags (dangling ones left out), creation and size', () => {
    const list = readImageList([
      { Id: 'sha256:aa', RepoTags: ['busybox:latest', 'berth-lab/busybox:latest'], Created: 1700000000, Size: 4_300_000 },
      { Id: 'sha256:bb', RepoTags: ['<none>:<none>'], Created: 1700000001, Size: 10 },
      { Id: 'sha256:cc', RepoTags: null, Created: 'soon', Size: -5 },
    ]);
    expect(list).toEqual({
      listed: 3,
      images: [
        { id: 'sha256:aa', tags: ['busybox:latest', 'berth-lab/busybox:latest'], created: 1700000000, sizeBytes: 4_300_000 },
        { id: 'sha256:bb', tags: [], created: 1700000001, sizeBytes: 10 },
        { id: 'sha256:cc', tags: [], created: 0, sizeBytes: 0 },
      ],
    });
  });

  it('bounds what an untrusted daemon sends: images per host, tags per image, tag length, bytes; skips entries without an id', () => {
    const many = Array.from({ length: imageLimits.images + 10 }, (_, n) => ({ Id: `sha256:${n}`, RepoTags: [`app:${n}`] }));
    const list = readImageList([{ RepoTags: ['no-id:1'] }, { Id: 'x'.repeat(500) }, ...many, 'not an object']);
    expect(list.listed).toBe(many.length + 3);
    expect(list.images).toHaveLength(imageLimits.images);
    expect(list.images[0]).toEqual({ id: 'sha256:0', tags: ['app:0'], created: 0, sizeBytes: 0 });
    expect(readImageList({ not: 'a list' })).toEqual({ images: [], listed: 0 });
    // One tag list shared by every entry: what counts is what the reader keeps of it.
    const tags = Array.from({ length: 100 }, (_, t) => `${'x'.repeat(5000)}:${t}`);
    const long = readImageList(Array.from({ length: 1000 }, (_, n) => ({ Id: `sha256:${n}`, RepoTags: tags })));
    expect(long.images[0]!.tags).toHaveLength(imageLimits.tagsPerImage);
    expect(long.images[0]!.tags[0]!.length).toBe(1024);
    // Long tags: fewer images, never more than listBytes of them.
    expect(long.images.length).toBeLessThan(1000);
    expect(JSON.stringify(long.images).length).toBeLessThanOrEqual(imageLimits.listBytes);
  });
});
