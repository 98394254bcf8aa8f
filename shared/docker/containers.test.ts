import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countContainers, readContainers } from './containers.js';

describe('readContainers', () => {
  it('reads the fields Berth shows', () => {
    const [container] = readContainers(
      [
        {
          Id: '8dfafdbc3a40',
          Names: ['/boring_feynman', '/other/alias'],
          Image: 'ubuntu:latest',
          ImageID: 'sha256:d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82',
          Command: 'echo 1',
          Created: 1_367_854_155,
          State: 'running',
          Status: 'Up 2 hours',
          Ports: [{ PrivatePort: 2222, PublicPort: 3333, Type: 'tcp', IP: '0.0.0.0' }, { PrivatePort: 53, Type: 'udp' }, { PublicPort: 1 }],
          Labels: { 'com.example.vendor': 'Acme', broken: 5 },
        },
      ],
      1_367_900_000_000,
    );
    expect(container).toEqual({
      id: '8dfafdbc3a40',
      names: ['boring_feynman', 'other/alias'],
      image: 'ubuntu:latest',
      state: 'running',
      status: 'Up 2 hours',
      statusSince: 1_367_900_000_000 - 2 * 3600_000,
      ports: [
        { privatePort: 2222, publicPort: 3333, type: 'tcp', ip: '0.0.0.0' },
        { privatePort: 53, type: 'udp' },
      ],
      created: 1_367_854_155,
      labels: { 'com.example.vendor': 'Acme' },
    });
  });

  it.each([
    ['Up 3 hours', 'running'],
    ['Up 3 hours (Paused)', 'paused'],
    ['Up 5 seconds (healthy)', 'running'],
    ['Restarting (1) 2 seconds ago', 'restarting'],
    ['Exited (0) 56 minutes ago', 'exited'],
    ['Created', 'created'],
    ['Dead', 'dead'],
    ['Removal In Progress', 'removing'],
    ['', 'unknown'],
    ['Sleeping', 'unknown'],
  ])('without State, status %j means %s', (status, state) => {
    expect(readContainers([{ Id: 'a', Status: status }])[0]?.state).toBe(state);
  });

  it('skips entries without an Id and tolerates missing fields', () => {
    expect(readContainers([null, 5, {}, { Id: '' }, { Id: 'x', Ports: null, Labels: null, Names: null }])).toEqual([
      { id: 'x', names: [], image: '', state: 'unknown', status: '', ports: [], created: 0, labels: {} },
    ]);
    expect(readContainers({ Id: 'not a list' })).toEqual([]);
  });

  it('never throws on arbitrary JSON', () => {
    const item = fc.dictionary(fc.constantFrom('Id', 'Names', 'State', 'Status', 'Ports', 'Labels', 'Created', 'Image'), fc.jsonValue());
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(item), fc.jsonValue()), (list) => {
        const containers = readContainers(list);
        const counts = countContainers(containers);
        expect(counts.running + counts.paused + counts.stopped).toBe(counts.total);
      }),
    );
  });
});

describe('countContainers', () => {
  it('splits like the daemon does: restarting counts as stopped', () => {
    const states = ['running', 'running', 'paused', 'restarting', 'exited', 'created', 'dead', 'removing'];
    const containers = readContainers(states.map((State, index) => ({ Id: String(index), State })));
    expect(countContainers(containers)).toEqual({ total: 8, running: 2, paused: 1, stopped: 5 });
    expect(countContainers([])).toEqual({ total: 0, running: 0, paused: 0, stopped: 0 });
  });
});
