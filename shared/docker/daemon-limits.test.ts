import { describe, expect, it } from 'vitest';
import { readContainerList } from './containers.js';
import { CutCounter, daemonLimits, jsonBytes } from './daemon-limits.js';
import { readStorage } from './driver-status.js';
import { readDaemonSummary } from './summary.js';

/** A container as `/containers/json` lists it, newest first when `index` grows. */
const listed = (index: number, extra: Record<string, unknown> = {}) => ({
  Id: index.toString(16).padStart(64, '0'),
  Names: [`/c${index}`],
  Image: 'busybox',
  State: index % 2 === 0 ? 'running' : 'exited',
  Status: 'Up',
  Created: 2_000_000_000 - index,
  ...extra,
});

describe('CutCounter', () => {
  it('cuts a text to its maximum with an ellipsis and counts it; shorter texts pass untouched', () => {
    const cuts = new CutCounter();
    expect(cuts.text('abc', 3)).toBe('abc');
    expect(cuts.count).toBe(0);
    expect(cuts.text('abcdef', 4)).toBe('abc…');
    expect(cuts.count).toBe(1);
  });

  it('never splits a surrogate pair', () => {
    const cut = new CutCounter().text('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });

  it('keeps the first entries of a list', () => {
    const cuts = new CutCounter();
    expect(cuts.list([1, 2, 3], 2)).toEqual([1, 2]);
    expect(cuts.count).toBe(1);
  });

  it('measures JSON in UTF-8 bytes', () => {
    for (const value of ['a', 'é', '€', '😀', { k: ['x', 1, null] }, 'quote " and \n']) {
      expect(jsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value), 'utf8'));
    }
  });
});

describe('containers within the maxima', () => {
  it(`keeps ${daemonLimits.containers.toLocaleString('en-US')} containers in the daemon's order and counts all of them`, () => {
    const list = Array.from({ length: daemonLimits.containers + 2_500 }, (_, index) => listed(index));
    const read = readContainerList(list);
    expect(read.containers).toHaveLength(daemonLimits.containers);
    expect(read.listed).toBe(list.length);
    expect(read.containers[0]?.names).toEqual(['c0']);
    expect(read.containers.at(-1)?.names).toEqual([`c${daemonLimits.containers - 1}`]);
    expect(read.counts).toEqual({ total: list.length, running: list.length / 2, paused: 0, stopped: list.length / 2 });
  });

  it('keeps fewer containers when their size would pass the byte budget', () => {
    // 8 KB of labels each: 12 MB hold about 1,500 of them.
    const labels = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`label.${index}`, 'v'.repeat(900)]));
    const read = readContainerList(Array.from({ length: 3_000 }, (_, index) => listed(index, { Labels: labels })));
    expect(read.listed).toBe(3_000);
    expect(read.containers.length).toBeGreaterThan(1_000);
    expect(read.containers.length).toBeLessThan(3_000);
    expect(jsonBytes(read.containers)).toBeLessThanOrEqual(daemonLimits.containerListBytes);
  });

  it('cuts names, image and status to the text maximum and counts the container once', () => {
    const long = 'x'.repeat(daemonLimits.textChars * 4);
    const read = readContainerList([listed(0, { Names: [`/${long}`], Image: long, Status: long }), listed(1)]);
    const [container] = read.containers;
    expect(container?.names[0]).toHaveLength(daemonLimits.textChars);
    expect(container?.names[0]?.endsWith('…')).toBe(true);
    expect(container?.image).toHaveLength(daemonLimits.textChars);
    expect(container?.status).toHaveLength(daemonLimits.textChars);
    expect(read.containersWithCutFields).toBe(1);
  });

  it(`keeps at most ${daemonLimits.namesPerContainer} names and ${daemonLimits.portsPerContainer} ports per container`, () => {
    const names = Array.from({ length: 500 }, (_, index) => `/n${index}`);
    const ports = Array.from({ length: 5_000 }, (_, index) => ({ PrivatePort: index, Type: 't'.repeat(500), IP: '1'.repeat(500) }));
    const [container] = readContainerList([listed(0, { Names: names, Ports: ports })]).containers;
    expect(container?.names).toHaveLength(daemonLimits.namesPerContainer);
    expect(container?.ports).toHaveLength(daemonLimits.portsPerContainer);
    expect(container?.ports[0]?.type).toHaveLength(daemonLimits.shortTextChars);
    expect(container?.ports[0]?.ip).toHaveLength(daemonLimits.shortTextChars);
  });

  it(`keeps at most ${daemonLimits.labelsPerContainer} labels, each cut, within ${daemonLimits.labelBytesPerContainer} bytes`, () => {
    const many = Object.fromEntries(Array.from({ length: 1_000 }, (_, index) => [`l${index}`, 'v']));
    const [few] = readContainerList([listed(0, { Labels: many })]).containers;
    expect(Object.keys(few?.labels ?? {})).toHaveLength(daemonLimits.labelsPerContainer);
    expect(few?.labels.l0).toBe('v');

    const huge = { ['k'.repeat(5_000)]: 'v'.repeat(50_000), big1: 'b'.repeat(5_000), big2: 'b'.repeat(5_000), big3: 'b'.repeat(5_000) };
    const read = readContainerList([listed(0, { Labels: huge })]);
    const labels = read.containers[0]?.labels ?? {};
    const [key, value] = Object.entries(labels)[0] ?? [];
    expect(key).toHaveLength(daemonLimits.labelKeyChars);
    expect(value).toHaveLength(daemonLimits.labelValueChars);
    expect(jsonBytes(labels)).toBeLessThanOrEqual(daemonLimits.labelBytesPerContainer);
    expect(read.containersWithCutFields).toBe(1);
  });

  it(`skips entries whose Id is longer than ${daemonLimits.idChars} characters`, () => {
    const read = readContainerList([{ Id: 'a'.repeat(daemonLimits.idChars + 1) }, listed(1)]);
    expect(read.containers).toHaveLength(1);
    expect(read.listed).toBe(1);
  });

  it('reports nothing cut for an ordinary list', () => {
    const read = readContainerList([listed(0, { Labels: { 'com.docker.compose.project': 'web' } }), listed(1)]);
    expect(read.containersWithCutFields).toBe(0);
    expect(read.listed).toBe(read.containers.length);
  });
});

describe('/info within the maxima', () => {
  it('cuts summary texts and lists, and counts the cuts', () => {
    const cuts = new CutCounter();
    const summary = readDaemonSummary(
      { ApiVersion: '1.41' },
      {
        Name: 'n'.repeat(10_000),
        SecurityOptions: Array.from({ length: 1_000 }, (_, index) => `opt${index}`),
        Warnings: ['w'.repeat(5_000)],
      },
      cuts,
    );
    expect(summary.name).toHaveLength(daemonLimits.textChars);
    expect(summary.securityOptions).toHaveLength(daemonLimits.infoListEntries);
    expect(summary.daemonWarnings[0]).toHaveLength(daemonLimits.textChars);
    expect(summary.apiVersion).toBe('1.41');
    expect(cuts.count).toBe(3);
  });

  it('keeps the first driver status pairs, cut', () => {
    const cuts = new CutCounter();
    const pairs = [['Backing Filesystem', 'x'.repeat(5_000)], ...Array.from({ length: 1_000 }, (_, index) => [`k${index}`, 'v'])];
    const storage = readStorage('overlay2', pairs, cuts);
    expect(storage.status).toHaveLength(daemonLimits.infoListEntries);
    expect(storage.status[0]?.[1]).toHaveLength(daemonLimits.textChars);
    expect(cuts.count).toBe(2);
  });

  it('counts nothing for an ordinary daemon', () => {
    const cuts = new CutCounter();
    readDaemonSummary({ ApiVersion: '1.41' }, { Name: 'lab', SecurityOptions: ['name=seccomp'] }, cuts);
    readStorage('overlay2', [['Backing Filesystem', 'extfs']], cuts);
    expect(cuts.count).toBe(0);
  });
});
