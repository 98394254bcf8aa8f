import type { InvokeInput, InvokeResults } from '../../../shared/contract';
import type { ImageRow, NetworkRow, ResourceList, VolumeRow } from '../../../shared/resources';
import type { ResourcesInvokeChannel } from '../../../shared/resources-contract';
import type { ContainerSummary } from '../../../shared/snapshot';
import { fail } from './demo-failure';
import type { DemoHost } from './demo-hosts';

/**
 * The resource views of the demo, made up from each demo host's listed containers: one image
 * per image name the containers use, no volumes, the daemon's three networks. Removal and
 * compose actions are not in the demo (they say so); a real host is needed for them.
 */
export class DemoResourceChannels {
  constructor(
    private readonly hosts: Map<string, DemoHost>,
    private readonly now: () => number,
  ) {}

  answer<C extends ResourcesInvokeChannel>(channel: C, input: InvokeInput<C>): InvokeResults[C] {
    const hostId = String((input as { hostId?: unknown }).hostId);
    const answers: { [K in ResourcesInvokeChannel]: () => InvokeResults[K] } = {
      'images:list': () => this.list(hostId, images),
      'volumes:list': () => this.list(hostId, (): VolumeRow[] => []),
      'networks:list': () => this.list(hostId, networks),
      'resources:remove': () => fail('INVALID_ARGUMENT', 'The demo removes nothing: connect a host to remove images, volumes or networks.'),
      'compose:action': () => fail('INVALID_ARGUMENT', 'The demo has no compose projects to act on: connect a host.'),
      'compose:logs-open': () => fail('INVALID_ARGUMENT', 'The demo has no compose project logs: connect a host.'),
    };
    return (answers[channel] as () => InvokeResults[C])();
  }

  private list<Row>(hostId: string, rows: (containers: readonly ContainerSummary[]) => Row[]): ResourceList<Row> {
    const host = this.hosts.get(hostId);
    if (!host) fail('HOST_NOT_FOUND', `No host with id "${hostId}".`);
    if (!host.snapshot || host.status.state !== 'ready') fail('HOST_NOT_CONNECTED', `Host "${host.profile.name}" is not connected.`);
    const made = rows(host.snapshot.containers);
    return { hostId, rows: made, listed: made.length, readAt: this.now(), notes: ['Demo data: made up from the demo containers.'] };
  }
}

function images(containers: readonly ContainerSummary[]): ImageRow[] {
  const byImage = new Map<string, ContainerSummary[]>();
  for (const container of containers) byImage.set(container.image, [...(byImage.get(container.image) ?? []), container]);
  return [...byImage].map(([tag, users], index) => ({
    id: `sha256:${(index + 1).toString(16).padStart(64, 'd')}`,
    tags: [tag.includes(':') ? tag : `${tag}:latest`],
    digests: [],
    dangling: false,
    created: Math.min(...users.map((user) => user.created)) - 86_400,
    sizeBytes: 40_000_000 + index * 7_340_032,
    sharedSizeBytes: 5_000_000,
    users: {
      running: users.filter((user) => user.state === 'running').length,
      all: users.length,
      names: users.slice(0, 20).map((user) => (user.names[0] ?? user.id).replace(/^\//, '')),
    },
  }));
}

function networks(): NetworkRow[] {
  return ['bridge', 'host', 'none'].map((name, index) => ({
    id: `${(index + 1).toString(16).padStart(64, 'e')}`,
    name,
    driver: name === 'none' ? 'null' : name,
    scope: 'local',
    internal: false,
    attachable: false,
    builtIn: true,
    subnets: name === 'bridge' ? [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] : [],
    created: '2026-01-01T00:00:00Z',
    endpoints: [],
  }));
}
