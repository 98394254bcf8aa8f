import { describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/host-view';
import { rankHosts } from './rank-hosts';

function host(id: string, tags: string[] = [], address = '10.0.0.1'): HostView {
  return {
    profile: { id, name: id, tags, transport: { type: 'tcp', host: address, port: 2375 } },
    status: { state: 'idle' },
    lastSeenAt: null,
  };
}

const hosts = [
  host('prod-api-01', ['production', 'eu-west']),
  host('prod-api-02', ['production']),
  host('staging-db', ['staging'], '10.40.0.9'),
  host('local'),
];
const names = (ranked: ReturnType<typeof rankHosts>) => ranked.map((entry) => entry.host.profile.id);

describe('rankHosts', () => {
  it('lists recently used hosts first when the query is empty, then the rest in list order', () => {
    expect(names(rankHosts('', hosts, ['local', 'staging-db']))).toEqual(['local', 'staging-db', 'prod-api-01', 'prod-api-02']);
  });

  it('filters by fuzzy name and highlights the name', () => {
    const ranked = rankHosts('sdb', hosts, []);
    expect(names(ranked)).toEqual(['staging-db']);
    expect(ranked[0]?.nameIndices).toEqual([0, 8, 9]);
  });

  it('matches tags and addresses too', () => {
    expect(names(rankHosts('eu-west', hosts, []))).toEqual(['prod-api-01']);
    expect(names(rankHosts('10.40', hosts, []))).toEqual(['staging-db']);
  });

  it('needs every term to match, and breaks ties by recency', () => {
    expect(names(rankHosts('prod -02', hosts, []))).toEqual(['prod-api-02']);
    expect(names(rankHosts('prod', hosts, ['prod-api-02']))).toEqual(['prod-api-02', 'prod-api-01']);
  });
});
