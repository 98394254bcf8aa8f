import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/snapshot';
import { countByState, filterContainers } from './filter-containers';

function container(
  id: string,
  name: string,
  image: string,
  state: ContainerSummary['state'],
  created: number,
  ports: ContainerSummary['ports'] = [],
): ContainerSummary {
  return {
    id,
    names: [name],
    image,
    state,
    status: state === 'running' ? 'Up 2 hours' : 'Exited (0) 1 hour ago',
    ports,
    created,
    labels: {},
  };
}

const list = [
  container('aaa111', 'web-1', 'nginx:1.25', 'running', 300, [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }]),
  container('bbb222', 'web-2', 'nginx:1.25', 'exited', 100),
  container('ccc333', 'db', 'postgres:16', 'running', 200),
];

describe('filterContainers', () => {
  it('matches every term against name, image, id, status and ports', () => {
    expect(filterContainers(list, 'nginx exited', 'all', null).map((c) => c.id)).toEqual(['bbb222']);
    expect(filterContainers(list, 'CCC3', 'all', null).map((c) => c.id)).toEqual(['ccc333']);
    expect(filterContainers(list, '8080', 'all', null).map((c) => c.id)).toEqual(['aaa111']);
    expect(filterContainers(list, '  ', 'all', null)).toHaveLength(3);
  });

  it('filters by state and sorts', () => {
    expect(filterContainers(list, '', 'running', null).map((c) => c.id)).toEqual(['aaa111', 'ccc333']);
    expect(filterContainers(list, '', 'all', { key: 'created', direction: 'desc' }).map((c) => c.id)).toEqual([
      'aaa111',
      'ccc333',
      'bbb222',
    ]);
    expect(filterContainers(list, '', 'all', { key: 'name', direction: 'asc' }).map((c) => c.id)).toEqual(['ccc333', 'aaa111', 'bbb222']);
    expect(filterContainers(list, '', 'all', { key: 'state', direction: 'asc' }).map((c) => c.state)).toEqual([
      'running',
      'running',
      'exited',
    ]);
  });

  it('does not reorder the input array', () => {
    const copy = [...list];
    filterContainers(list, '', 'all', { key: 'name', direction: 'asc' });
    expect(list).toEqual(copy);
  });

  it('counts by state', () => {
    expect(Object.fromEntries(countByState(list))).toEqual({ running: 2, exited: 1 });
  });
});
