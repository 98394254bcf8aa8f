import type { IncomingMessage } from 'node:http';

/** The parts of a Docker `/events` message Berth acts on. */
export interface DockerEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  timeNano: number;
}

/** Reads one `/events` JSON object; returns null for anything that is not an event. */
export function parseDockerEvent(value: unknown): DockerEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const actor = (typeof record.Actor === 'object' && record.Actor !== null ? record.Actor : {}) as Record<string, unknown>;
  const type =
    typeof record.Type === 'string'
      ? record.Type
      : typeof record.Type === 'undefined' && typeof record.status === 'string'
        ? 'container'
        : '';
  const action = typeof record.Action === 'string' ? record.Action : typeof record.status === 'string' ? record.status : '';
  const id = typeof actor.ID === 'string' ? actor.ID : typeof record.id === 'string' ? record.id : '';
  if (type === '' || action === '') return null;
  const rawAttributes =
    typeof actor.Attributes === 'object' && actor.Attributes !== null ? (actor.Attributes as Record<string, unknown>) : {};
  // fromEntries defines own properties, so even a "__proto__" attribute stays an ordinary one.
  const attributes: Record<string, string> = Object.fromEntries(
    Object.entries(rawAttributes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const rawTime = typeof record.timeNano === 'number' ? record.timeNano : typeof record.time === 'number' ? record.time * 1e9 : 0;
  // JSON numbers like 1e400 parse to Infinity: a time that is not finite is no time.
  const timeNano = Number.isFinite(rawTime) ? rawTime : 0;
  return { type, action, id, attributes, timeNano };
}

/** Longer lines are no event Docker sends; they are dropped whole. */
const MAX_LINE_LENGTH = 1_000_000;

/**
 * Splits the daemon's stream of JSON objects into events. Resolves when the stream ends and
 * rejects when it fails; either way the caller reconnects.
 */
export function consumeEventStream(response: IncomingMessage, onEvent: (event: DockerEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    /** Inside a line that outgrew the limit: everything up to its newline is dropped, so its tail is never read as a line. */
    let discarding = false;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (discarding) discarding = false;
        else if (line !== '') emitLine(line, onEvent);
        newline = buffered.indexOf('\n');
      }
      // Guard against a peer that never sends a newline.
      if (buffered.length > MAX_LINE_LENGTH) {
        buffered = '';
        discarding = true;
      }
    });
    response.once('end', () => resolve());
    response.once('close', () => resolve());
    response.once('error', reject);
  });
}

function emitLine(line: string, onEvent: (event: DockerEvent) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return;
  }
  const event = parseDockerEvent(value);
  if (event) onEvent(event);
}
