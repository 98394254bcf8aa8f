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
  const attributes: Record<string, string> = {};
  for (const [key, attribute] of Object.entries(rawAttributes)) if (typeof attribute === 'string') attributes[key] = attribute;
  const timeNano = typeof record.timeNano === 'number' ? record.timeNano : typeof record.time === 'number' ? record.time * 1e9 : 0;
  return { type, action, id, attributes, timeNano };
}

/**
 * Splits the daemon's stream of JSON objects into events. Resolves when the stream ends and
 * rejects when it fails; either way the caller reconnects.
 */
export function consumeEventStream(response: IncomingMessage, onEvent: (event: DockerEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== '') emitLine(line, onEvent);
        newline = buffered.indexOf('\n');
      }
      // Guard against a peer that never sends a newline.
      if (buffered.length > 1_000_000) buffered = '';
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
