/**
 * The fleet search's images from main (search:images, images:changed) against the lab's btrfs
 * daemon: the list is read on demand, an image event (a new tag, an untag) pushes
 * images:changed and the next ask has it, and versions spare unchanged hosts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabManifest, labDockerArgs } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { TempDirs, recordPushes } from '../../../test-support/service-fakes.js';
import type { ImagesAnswer } from '../../../shared/search-contract.js';
import type { BerthService } from '../app/berth-service.js';
import { testAppService } from '../../../test-support/test-service.js';

const run = promisify(execFile);
const temp = new TempDirs();
let lab: LabManifest;
let service: BerthService;
const tag = `berth-search-test/busybox:${process.pid}-${Date.now().toString(36)}`;

const docker = async (...args: string[]) =>
  (await run('docker', [...labDockerArgs(lab, 'btrfs'), ...args], { timeout: 60_000 })).stdout.trim();

async function images(known: Record<string, number> = {}): Promise<ImagesAnswer> {
  const reply = await service.invoke('search:images', { known });
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

const tagsOf = (answer: ImagesAnswer) =>
  answer.changed.flatMap((host) => ('images' in host ? host.images.flatMap((image) => image.tags) : []));

beforeAll(async () => {
  lab = requireLab();
  service = await testAppService(temp.make('berth-images-'));
  const saved = await service.invoke('hosts:save', {
    draft: { id: 'lab-btrfs', name: 'lab btrfs', tags: [], transport: lab.daemons.btrfs.transport },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const deadline = Date.now() + 30_000;
  while ((await service.invoke('hosts:snapshot', { hostId: 'lab-btrfs' })).ok === false || (await images()).changed.length === 0) {
    if (Date.now() > deadline) throw new Error('the btrfs host never became ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  await docker('rmi', tag).catch(() => undefined);
  await service?.dispose();
  temp.cleanup();
});

describe('search:images against the lab', () => {
  it('answers the host’s images, and nothing for a version the renderer already holds', async () => {
    const first = await images();
    expect(first.changed).toEqual([expect.objectContaining({ hostId: 'lab-btrfs', version: expect.any(Number) })]);
    expect(tagsOf(first)).toContain(lab.image);
    const version = first.changed[0]!.version;
    expect(await images({ 'lab-btrfs': version })).toEqual({ changed: [], gone: [] });
    expect((await images({ 'lab-btrfs': version, 'no-such-host': 3 })).gone).toEqual(['no-such-host']);
  });

  it('follows image events: a new tag is pushed as images:changed and found within 2 s, an untag likewise', async () => {
    const pushes = recordPushes(service);
    try {
      const version = (await images()).changed[0]!.version;
      const changed = () => pushes.messages.filter((m) => m.channel === 'images:changed' && m.payload.hostId === 'lab-btrfs').length;
      const before = changed();
      await docker('tag', lab.image, tag);
      const tagged = Date.now();
      await expect.poll(changed, { timeout: 5_000, interval: 50 }).toBeGreaterThan(before);
      const after = await images({ 'lab-btrfs': version });
      expect(Date.now() - tagged).toBeLessThan(2_000);
      expect(tagsOf(after)).toContain(tag);

      const untagBefore = changed();
      await docker('rmi', tag);
      const untagged = Date.now();
      await expect.poll(changed, { timeout: 5_000, interval: 50 }).toBeGreaterThan(untagBefore);
      const gone = await images({ 'lab-btrfs': after.changed[0]!.version });
      expect(Date.now() - untagged).toBeLessThan(2_000);
      expect(tagsOf(gone)).not.toContain(tag);
      expect(tagsOf(gone)).toContain(lab.image);
    } finally {
      pushes.detach();
    }
  });

  it('refuses malformed input with INVALID_ARGUMENT', async () => {
    const reply = await service.invoke('search:images', { known: { 'bad id!': 1 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
