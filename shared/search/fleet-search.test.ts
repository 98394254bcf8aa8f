import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../snapshot.js';
import { containerEntry, imageEntry, matchingEntries, projectEntries, queryTerms, searchEntries } from './fleet-search.js';

function container(
  id: string,
  name: string,
  image: string,
  project?: string,
  state: ContainerSummary['state'] = 'running',
): ContainerSummary {
  return {
    id,
    names: [`/${name}`],
    image,
    state,
    status: 'Up',
    ports: [],
    created: 0,
    labels: project ? { 'com.docker.compose.project': project } : {},
  };
}

const web = container('a1b2c3d4e5f6'.padEnd(64, '0'), 'shop-web-1', 'nginx:1.25', 'shop');
const db = container('ffee00112233'.padEnd(64, '0'), 'shop-db-1', 'postgres:16', 'shop', 'exited');
const lone = container('0123456789ab'.padEnd(64, '0'), 'nginx-proxy', 'traefik:3');
const entries = [
  ...[web, db].map((c) => containerEntry('h1', c)),
  containerEntry('h2', lone),
  ...projectEntries('h1', [web, db]),
  imageEntry('h1', { id: `sha256:${'9'.repeat(64)}`, tags: ['nginx:1.25', 'nginx:latest'], created: 0, sizeBytes: 1 }),
];

describe('fleet search', () => {
  it('needs every term, in any field, case-insensitively; a blank query finds nothing', () => {
    expect(queryTerms('  Shop   DB ')).toEqual(['shop', 'db']);
    expect(matchingEntries(entries, ['shop', 'db']).map((entry) => entry.label)).toEqual(['shop-db-1']);
    expect(searchEntries(entries, '   ', 10)).toEqual([]);
  });

  it('groups by kind (containers, projects, images) and ranks a label prefix before a match elsewhere', () => {
    const groups = searchEntries(entries, 'nginx', 10);
    expect(groups.map((group) => group.kind)).toEqual(['container', 'image']);
    // nginx-proxy starts with the term; shop-web-1 only runs the nginx image.
    expect(groups[0]!.hits.map((hit) => hit.label)).toEqual(['nginx-proxy', 'shop-web-1']);
    expect(groups[1]!.hits[0]).toMatchObject({ kind: 'image', hostId: 'h1', label: 'nginx:1.25', tags: ['nginx:1.25', 'nginx:latest'] });
  });

  it('finds containers by id prefix and images by id with or without sha256:', () => {
    expect(searchEntries(entries, 'a1b2c3', 10)[0]!.hits.map((hit) => hit.label)).toEqual(['shop-web-1']);
    expect(searchEntries(entries, 'sha256:9999', 10)[0]!.kind).toBe('image');
    expect(searchEntries(entries, '99999999', 10)[0]!.kind).toBe('image');
  });

  it('lists compose projects once per host with their counts, and a container under its project', () => {
    const groups = searchEntries(entries, 'shop', 10);
    expect(groups.find((group) => group.kind === 'project')!.hits).toEqual([
      expect.objectContaining({ kind: 'project', hostId: 'h1', project: 'shop', containers: 2, running: 1 }),
    ]);
    expect(groups.find((group) => group.kind === 'container')!.total).toBe(2);
  });

  it('keeps `limit` hits per kind and counts them all', () => {
    const many = Array.from({ length: 500 }, (_, n) => containerEntry('h3', container(`${n}`.padStart(64, 'c'), `api-${n}`, 'api:1')));
    const [group] = searchEntries(many, 'api', 7);
    expect(group).toMatchObject({ kind: 'container', total: 500 });
    expect(group!.hits).toHaveLength(7);
  });

  it('builds a container entry once per container object and host', () => {
    expect(containerEntry('h1', web)).toBe(containerEntry('h1', web));
    expect(containerEntry('h2', web)).not.toBe(containerEntry('h1', web));
  });
});
