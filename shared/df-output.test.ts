import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDfOutput } from './df-output.js';

describe('parseDfOutput', () => {
  it('reads df -B1 -P as captured from the lab cleanup daemon\u2019s data root', () => {
    const text = readFileSync(new URL('./docker/fixtures/cleanup/df-output.txt', import.meta.url), 'utf8');
    expect(parseDfOutput(text)).toEqual({
      filesystem: '/dev/vda',
      totalBytes: 270_553_174_016,
      usedBytes: 29_794_988_032,
      availableBytes: 79_149_305_856,
      mountedOn: '/',
    });
  });

  it('keeps spaces in the filesystem and the mount point', () => {
    const text = 'Filesystem 1-blocks Used Available Capacity Mounted on\nmy fs 1000 400 600 40% /mnt/with space\n';
    expect(parseDfOutput(text)).toMatchObject({ filesystem: 'my fs', usedBytes: 400, mountedOn: '/mnt/with space' });
  });

  it('answers undefined for a header alone, an error text or numbers beyond safe integers', () => {
    expect(parseDfOutput('Filesystem 1-blocks Used Available Capacity Mounted on\n')).toBeUndefined();
    expect(parseDfOutput("df: '/x': No such file or directory\n")).toBeUndefined();
    expect(parseDfOutput('Filesystem\nfs 99999999999999999999 1 1 1% /\n')).toBeUndefined();
  });
});
