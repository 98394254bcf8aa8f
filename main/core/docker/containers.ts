import type { ContainerCounts, ContainerState, ContainerSummary, PortBinding } from '../../../shared/snapshot.js';
import { statusSinceOf } from '../../../shared/container-status.js';
import { arrayOr, field, isRecord, numberOr, optionalString, stringArray, stringOr } from './json-read.js';

/** `GET /containers/json?all=1`, reduced to what Berth shows. */

const STATES: ReadonlySet<string> = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/**
 * The state from `State`, or (engines before API 1.23 sent no `State`) from the human `Status`
 * the way `docker ps` words it: "Up 3 hours (Paused)", "Restarting (1) 2 seconds ago", ...
 */
function readState(state: unknown, status: string): ContainerState {
  if (typeof state === 'string' && STATES.has(state.toLowerCase())) return state.toLowerCase() as ContainerState;
  const text = status.trim().toLowerCase();
  if (text.startsWith('up')) return text.includes('(paused)') ? 'paused' : 'running';
  if (text.startsWith('restarting')) return 'restarting';
  if (text.startsWith('exited')) return 'exited';
  if (text.startsWith('created')) return 'created';
  if (text.startsWith('dead')) return 'dead';
  if (text.startsWith('removal in progress')) return 'removing';
  return 'unknown';
}

function readPort(port: unknown): PortBinding | undefined {
  const privatePort = field(port, 'PrivatePort');
  if (typeof privatePort !== 'number' || !Number.isInteger(privatePort)) return undefined;
  const binding: PortBinding = { privatePort, type: stringOr(field(port, 'Type'), 'tcp') };
  const publicPort = field(port, 'PublicPort');
  if (typeof publicPort === 'number' && Number.isInteger(publicPort)) binding.publicPort = publicPort;
  const ip = optionalString(field(port, 'IP'));
  if (ip) binding.ip = ip;
  return binding;
}

function readLabels(labels: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(labels)) return result;
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

/** Names as `docker ps` shows them: without the leading "/". Link aliases ("/a/b") are kept. */
function readNames(names: unknown): string[] {
  return stringArray(names).map((name) => (name.startsWith('/') ? name.slice(1) : name));
}

function readContainer(item: unknown, readAt: number): ContainerSummary | undefined {
  const id = field(item, 'Id');
  if (typeof id !== 'string' || id === '') return undefined;
  const status = stringOr(field(item, 'Status'));
  const statusSince = statusSinceOf(status, readAt);
  return {
    id,
    names: readNames(field(item, 'Names')),
    image: stringOr(field(item, 'Image')),
    state: readState(field(item, 'State'), status),
    status,
    ...(statusSince !== undefined ? { statusSince } : {}),
    ports: arrayOr(field(item, 'Ports'))
      .map(readPort)
      .filter((port) => port !== undefined),
    created: numberOr(field(item, 'Created')),
    labels: readLabels(field(item, 'Labels')),
  };
}

/**
 * Every entry with an `Id`; anything else is skipped. Never throws. `readAt` is when the daemon
 * worded the statuses, so their durations can be counted on from there.
 */
export function readContainers(list: unknown, readAt = Date.now()): ContainerSummary[] {
  return arrayOr(list)
    .map((item) => readContainer(item, readAt))
    .filter((container) => container !== undefined);
}

/**
 * Counts split the way the daemon splits `ContainersRunning` / `ContainersPaused` /
 * `ContainersStopped` in `/info`, so Berth's numbers match `docker info`: `stopped` is
 * everything neither running nor paused: created, exited, dead, removing, unknown, and also
 * restarting. A restarting container is between two crashed runs and serves nothing, and the
 * daemon counts it as stopped too (its state counter only knows running, paused and stopped).
 */
export function countContainers(containers: readonly ContainerSummary[]): ContainerCounts {
  let running = 0;
  let paused = 0;
  for (const container of containers) {
    if (container.state === 'running') running += 1;
    else if (container.state === 'paused') paused += 1;
  }
  return { total: containers.length, running, paused, stopped: containers.length - running - paused };
}
