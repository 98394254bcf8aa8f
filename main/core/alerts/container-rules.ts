import type { DockerEvent } from '../events-stream.js';
import type { RuleContext } from './new-alert.js';

/** An OOM kill is followed by a die with 137: within this window the died alert is left to the OOM one. */
const oomThenDieMs = 10_000;
/** Containers followed at most (their starts and last alerts); the oldest is forgotten beyond. */
const maxTrackedContainers = 10_000;

interface ContainerTrack {
  starts: number[];
  /** The restart-loop alert went out; no other until a full window passes without a start. */
  loopUntil: number;
  lastDiedAlertAt: number;
  oomAt: number;
  unhealthy: boolean;
}

/**
 * Container alerts from Docker events: died with a non-zero exit, OOM-killed, became unhealthy,
 * restart loop. No duplicates: a loop is one alert; while it lasts (and within one loop window
 * after a died alert) further deaths of that container raise nothing; an OOM kill is one alert,
 * not also a "died (137)"; unhealthy is raised on the change to unhealthy only.
 */
export class ContainerRules {
  private readonly tracks = new Map<string, ContainerTrack>();

  constructor(private readonly context: RuleContext) {}

  event(hostId: string, event: DockerEvent): void {
    if (event.type !== 'container' || event.id === '') return;
    const rules = this.context.rulesFor(hostId);
    const key = `${hostId}/${event.id}`;
    if (event.action === 'destroy') {
      this.tracks.delete(key);
      return;
    }
    if (!rules) return;
    const at = event.timeNano > 0 ? Math.floor(event.timeNano / 1e6) : this.context.now();
    const name = event.attributes.name ?? event.id.slice(0, 12);
    const container = { id: event.id, name };
    const track = this.track(key);
    const base = { hostId, at, container } as const;
    const loopWindowMs = rules.restartLoop.minutes * 60_000;

    if (event.action === 'oom') {
      track.oomAt = at;
      if (rules.oomKilled.enabled && at > track.loopUntil)
        this.context.raise({
          ...base,
          kind: 'container-oom',
          rule: 'oomKilled',
          severity: 'critical',
          key: `${hostId}|oom|${event.id}|${event.timeNano}`,
          title: `${name} was OOM-killed`,
          message: `The kernel's out-of-memory killer ended a process of ${name} (image ${event.attributes.image ?? 'unknown'}). Raise its memory limit or find what grows.`,
        });
    } else if (event.action === 'die') {
      const exitCode = Number(event.attributes.exitCode ?? '0');
      const quiet = at <= track.loopUntil || at - track.oomAt < oomThenDieMs || at - track.lastDiedAlertAt < loopWindowMs;
      if (rules.containerDied.enabled && Number.isFinite(exitCode) && exitCode !== 0 && !quiet) {
        track.lastDiedAlertAt = at;
        this.context.raise({
          ...base,
          container: { ...container, exitCode },
          kind: 'container-died',
          rule: 'containerDied',
          severity: 'warning',
          key: `${hostId}|died|${event.id}|${event.timeNano}`,
          title: `${name} died (${exitCode})`,
          message: `Container ${name} (image ${event.attributes.image ?? 'unknown'}) exited with code ${exitCode}${exitCode === 137 ? ' (SIGKILL)' : exitCode === 143 ? ' (SIGTERM)' : ''}.`,
        });
      }
    } else if (event.action === 'start') {
      track.starts = [...track.starts.filter((time) => at - time < loopWindowMs), at];
      if (at > track.loopUntil && rules.restartLoop.enabled && track.starts.length >= rules.restartLoop.restarts) {
        track.loopUntil = at + loopWindowMs;
        this.context.raise({
          ...base,
          kind: 'restart-loop',
          rule: 'restartLoop',
          severity: 'critical',
          key: `${hostId}|loop|${event.id}|${event.timeNano}`,
          title: `${name} is restarting in a loop`,
          message: `${name} started ${track.starts.length} times within ${rules.restartLoop.minutes} min. Further restarts raise no alert until it stays up for ${rules.restartLoop.minutes} min.`,
        });
      } else if (at <= track.loopUntil) {
        // Still looping: the loop alert stands for these restarts too.
        track.loopUntil = at + loopWindowMs;
      }
    } else if (event.action.startsWith('health_status')) {
      const unhealthy = event.action.includes('unhealthy');
      if (unhealthy && !track.unhealthy && rules.unhealthy.enabled)
        this.context.raise({
          ...base,
          kind: 'container-unhealthy',
          rule: 'unhealthy',
          severity: 'warning',
          key: `${hostId}|unhealthy|${event.id}|${event.timeNano}`,
          title: `${name} became unhealthy`,
          message: `The health check of ${name} fails. Its last results are in the container's detail (Overview, health).`,
        });
      track.unhealthy = unhealthy;
    }
  }

  removed(hostId: string): void {
    for (const key of this.tracks.keys()) if (key.startsWith(`${hostId}/`)) this.tracks.delete(key);
  }

  private track(key: string): ContainerTrack {
    let track = this.tracks.get(key);
    if (track) {
      // Most recently used last, so the oldest is the first to go.
      this.tracks.delete(key);
    } else {
      track = { starts: [], loopUntil: -Infinity, lastDiedAlertAt: -Infinity, oomAt: -Infinity, unhealthy: false };
      if (this.tracks.size >= maxTrackedContainers) this.tracks.delete(this.tracks.keys().next().value!);
    }
    this.tracks.set(key, track);
    return track;
  }
}
