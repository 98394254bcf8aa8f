import type { ResourceKind } from '../../../shared/resources.js';
import type { DockerEvent } from '../events-stream.js';

/** Container actions that change who uses an image, volume or network (its running/all counts, names). */
const containerActionsByKinds: Record<string, readonly ResourceKind[]> = {
  create: ['images', 'volumes', 'networks'],
  destroy: ['images', 'volumes', 'networks'],
  rename: ['images', 'volumes', 'networks'],
  start: ['images'],
  die: ['images'],
};

/** Which resource views a daemon event may change (none for most container events, exec ones included). */
export function resourceKindsOf(event: DockerEvent): ResourceKind[] {
  switch (event.type) {
    case 'image':
      return ['images'];
    case 'volume':
      return ['volumes'];
    case 'network':
      return ['networks'];
    case 'container':
      return [...(containerActionsByKinds[event.action] ?? [])];
    default:
      return [];
  }
}
