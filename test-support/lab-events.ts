import { spawnSync } from 'node:child_process';
import type { TimelineEvent } from '../shared/timeline-contract.js';
import { type LabDaemonName, type LabManifest, labDockerArgs } from '../e2e/lab/manifest.js';
import type { BerthService } from '../main/core/app/berth-service.js';

/** What Berth's timeline and `docker events` must agree on, event by event. */
export const eventIdentity = (event: { timeNano: number; type: string; action: string; id: string }) =>
  `${event.timeNano} ${event.type} ${event.action} ${event.id}`;

/** `docker events --since --until` of a lab daemon, as identities, in the daemon's order. */
export function labDockerEvents(lab: LabManifest, daemon: LabDaemonName, since: number, untilSeconds: number): string[] {
  const result = spawnSync(
    'docker',
    [...labDockerArgs(lab, daemon), 'events', '--since', String(since), '--until', String(untilSeconds), '--format', '{{json .}}'],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (result.status !== 0) throw new Error(`docker events failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const event = JSON.parse(line) as { timeNano: number; Type: string; Action: string; Actor: { ID: string } };
      return eventIdentity({ timeNano: event.timeNano, type: event.Type, action: event.Action, id: event.Actor.ID });
    });
}

/** A host's stored timeline between two times (unix seconds), oldest first, as identities. */
export async function timelineIdentities(service: BerthService, hostId: string, since: number, untilSeconds: number): Promise<string[]> {
  service.flushTimeline();
  const reply = await service.invoke('timeline:query', { hostId, limit: 5_000 });
  if (!reply.ok) throw new Error(`timeline:query failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value.events
    .filter((event: TimelineEvent) => event.timeNano >= since * 1e9 && event.timeNano <= untilSeconds * 1e9)
    .reverse()
    .map((event) => eventIdentity({ timeNano: event.timeNano, type: event.type, action: event.action, id: event.actorId }));
}
