import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type DockerEvent, consumeEventStream, parseDockerEvent } from './events-stream.js';

// Shape as dockerd 20.10 (API 1.41) sends it on /events.
const startEvent = {
  status: 'start',
  id: '4f1c0e3a',
  from: 'berth-lab/busybox:latest',
  Type: 'container',
  Action: 'start',
  Actor: { ID: '4f1c0e3a', Attributes: { image: 'berth-lab/busybox:latest', name: 'web-1', 'berth.lab': '1' } },
  scope: 'local',
  time: 1764300000,
  timeNano: 1764300000123456000,
};

describe('parseDockerEvent', () => {
  it('reads type, action, actor id and string attributes', () => {
    expect(parseDockerEvent(startEvent)).toEqual({
      type: 'container',
      action: 'start',
      id: '4f1c0e3a',
      attributes: { image: 'berth-lab/busybox:latest', name: 'web-1', 'berth.lab': '1' },
      timeNano: 1764300000123456000,
    });
  });

  it('returns null for anything that is not an event', () => {
    for (const value of [null, 42, 'start', [], {}, { Type: 'container' }, { Action: 'start' }]) expect(parseDockerEvent(value)).toBeNull();
  });
});

describe('consumeEventStream', () => {
  it('splits events across chunk boundaries and skips garbage lines', async () => {
    const stream = new PassThrough();
    const events: DockerEvent[] = [];
    const done = consumeEventStream(stream as unknown as IncomingMessage, (event) => events.push(event));
    const text = `${JSON.stringify(startEvent)}\nnot json\n${JSON.stringify({ ...startEvent, Action: 'die' })}\n`;
    stream.write(text.slice(0, 37));
    stream.write(text.slice(37));
    stream.end();
    await done;
    expect(events.map((event) => event.action)).toEqual(['start', 'die']);
  });

  it('rejects when the stream fails', async () => {
    const stream = new PassThrough();
    const done = consumeEventStream(stream as unknown as IncomingMessage, () => undefined);
    stream.destroy(new Error('socket closed'));
    await expect(done).rejects.toThrow('socket closed');
  });
});
