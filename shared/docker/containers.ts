import { statusSinceOf } from '../container-status.js';
import type { ContainerCounts, ContainerState, ContainerSummary, PortBinding } from '../snapshot.js';
import { CutCounter, daemonLimits, jsonBytes } from './daemon-limits.js';
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

function readPort(port: unknown, cuts: CutCounter): PortBinding | undefined {
  const privatePort = field(port, 'PrivatePort');
  if (typeof privatePort !== 'number' || !Number.isInteger(privatePort)) return undefined;
  const binding: PortBinding = { privatePort, type: cuts.text(stringOr(field(port, 'Type'), 'tcp'), daemonLimits.shortTextChars) };
  const publicPort = field(port, 'PublicPort');
  if (typeof publicPort === 'number' && Number.isInteger(publicPort)) binding.publicPort = publicPort;
  const ip = optionalString(field(port, 'IP'));
  if (ip) binding.ip = cuts.text(ip, daemonLimits.shortTextChars);
  return binding;
}

/** The first labels in the daemon's order, up to the count and byte maxima, keys and values cut. */
function readLabels(labels: unknown, cuts: CutCounter): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(labels)) return result;
  let kept = 0;
  let bytes = 0;
  for (const [rawKey, value] of Object.entries(labels)) {
    if (typeof value !== 'string') continue;
    const key = cuts.text(rawKey, daemonLimits.labelKeyChars);
    const text = cuts.text(value, daemonLimits.labelValueChars);
    const size = jsonBytes(key) + jsonBytes(text) + 2;
    if (kept === daemonLimits.labelsPerContainer || bytes + size > daemonLimits.labelBytesPerContainer || Object.hasOwn(result, key)) {
      cuts.mark();
      continue;
    }
    result[key] = text;
    kept += 1;
    bytes += size;
  }
  return result;
}

/** Names as `docker ps` shows them: without the leading "/". Link aliases ("/a/b") are kept. */
function readNames(names: unknown, cuts: CutCounter): string[] {
  return cuts
    .list(stringArray(names), daemonLimits.namesPerContainer)
    .map((name) => cuts.text(name.startsWith('/') ? name.slice(1) : name, daemonLimits.textChars));
}

function containerId(item: unknown): string | undefined {
  const id = field(item, 'Id');
  return typeof id === 'string' && id !== '' && id.length <= daemonLimits.idChars ? id : undefined;
}

function readContainer(item: unknown, cuts: CutCounter, readAt: number): ContainerSummary | undefined {
  const id = containerId(item);
  if (id === undefined) return undefined;
  const status = stringOr(field(item, 'Status'));
  const statusSince = statusSinceOf(status, readAt);
  const ports: PortBinding[] = [];
  for (const port of arrayOr(field(item, 'Ports'))) {
    const binding = readPort(port, cuts);
    if (binding === undefined) continue;
    if (ports.length === daemonLimits.portsPerContainer) {
      cuts.mark();
      break;
    }
    ports.push(binding);
  }
  return {
    id,
    names: readNames(field(item, 'Names'), cuts),
    image: cuts.text(stringOr(field(item, 'Image')), daemonLimits.textChars),
    state: readState(field(item, 'State'), status),
    status: cuts.text(status, daemonLimits.textChars),
    ...(statusSince !== undefined ? { statusSince } : {}),
    ports,
    created: numberOr(field(item, 'Created')),
    labels: readLabels(field(item, 'Labels'), cuts),
  };
}

/** `/containers/json` as Berth keeps it: the first containers within the maxima, and what was left out. */
export interface ContainerList {
  containers: ContainerSummary[];
  /** Every container the daemon listed (entries with a usable `Id`), kept or not. */
  listed: number;
  /** Counts over every listed container, so the totals stay true when the list is cut. */
  counts: ContainerCounts;
  /** Kept containers with a field cut: a text shortened, or names, labels or ports beyond the maxima dropped. */
  containersWithCutFields: number;
}

/**
 * Every entry with an `Id`, in the daemon's order (newest first), up to `daemonLimits.containers`
 * and `daemonLimits.containerListBytes`; the rest are only counted. Never throws. `readAt` is when
 * the daemon worded the statuses, so their durations can be counted on from there.
 */
export function readContainerList(list: unknown, readAt = Date.now()): ContainerList {
  const containers: ContainerSummary[] = [];
  const counts: ContainerCounts = { total: 0, running: 0, paused: 0, stopped: 0 };
  let containersWithCutFields = 0;
  let bytes = 2;
  let full = false;
  for (const item of arrayOr(list)) {
    if (containerId(item) === undefined) continue;
    let state: ContainerState;
    if (!full) {
      const cuts = new CutCounter();
      const container = readContainer(item, cuts, readAt)!;
      const size = jsonBytes(container) + 1;
      full = containers.length === daemonLimits.containers || bytes + size > daemonLimits.containerListBytes;
      if (!full) {
        containers.push(container);
        bytes += size;
        if (cuts.count > 0) containersWithCutFields += 1;
      }
      state = container.state;
    } else {
      state = readState(field(item, 'State'), stringOr(field(item, 'Status')));
    }
    addToCounts(counts, state, 1);
  }
  return { containers, listed: counts.total, counts, containersWithCutFields };
}

/** Every entry with an `Id`, within the same maxima as `readContainerList`. Never throws. */
export function readContainers(list: unknown, readAt = Date.now()): ContainerSummary[] {
  return readContainerList(list, readAt).containers;
}

/** Adds (`delta` 1) or removes (`delta` -1) one container of `state` from `counts`, in place. */
export function addToCounts(counts: ContainerCounts, state: ContainerState, delta: 1 | -1): void {
  counts.total += delta;
  if (state === 'running') counts.running += delta;
  else if (state === 'paused') counts.paused += delta;
  else counts.stopped += delta;
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
