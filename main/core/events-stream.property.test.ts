import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DockerEvent, consumeEventStream, parseDockerEvent } from './events-stream.js';

// Seeded, so a failure reproduces; bounded, so the suite stays fast.
const SEED = 20_251_128;

function expectWellFormed(event: DockerEvent): void {
  expect(Object.keys(event).sort()).toEqual(['action', 'attributes', 'id', 'timeNano', 'type']);
  expect(typeof event.type === 'string' && event.type !== '').toBe(true);
  expect(typeof event.action === 'string' && event.action !== '').toBe(true);
  expect(typeof event.id).toBe('string');
  expect(Number.isFinite(event.timeNano)).toBe(true);
  expect(Object.getPrototypeOf(event.attributes)).toBe(Object.prototype);
  for (const [key, value] of Object.entries(event.attributes)) {
    expect(typeof key).toBe('string');
    expect(typeof value).toBe('string');
  }
}

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withObjectString: true,
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('Type', 'Action', 'status', 'id', 'Actor', 'ID', 'Attributes', 'time', 'timeNano', '__proto__'),
  ),
});

/** Event-like objects: the real field names with values of every type (`value`: any value, or JSON values only). */
function eventLikeOf(value: fc.Arbitrary<unknown>, number: fc.Arbitrary<number>) {
  return fc.record(
    {
      Type: fc.oneof(fc.string(), value),
      Action: fc.oneof(fc.string(), value),
      status: fc.oneof(fc.string(), value),
      id: fc.oneof(fc.string(), value),
      Actor: fc.oneof(
        fc.record(
          { ID: fc.oneof(fc.string(), value), Attributes: fc.oneof(fc.dictionary(fc.string(), value), value) },
          { requiredKeys: [] },
        ),
        value,
      ),
      time: fc.oneof(number, fc.integer(), value),
      timeNano: fc.oneof(number, fc.integer(), value),
    },
    { requiredKeys: [] },
  );
}
const eventLike = eventLikeOf(anything, fc.double());
/** What JSON.parse can hand over: no BigInt, NaN or undefined, but ±1e308-scale numbers. */
const eventLikeJson = eventLikeOf(fc.jsonValue(), fc.double({ noNaN: true, noDefaultInfinity: true }));

describe('parseDockerEvent (property)', () => {
  it('never throws, and returns null or a well-formed event, for any value', () => {
    fc.assert(
      fc.property(fc.oneof(anything, eventLike), (value) => {
        const event = parseDockerEvent(value);
        if (event !== null) expectWellFormed(event);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('never throws on any JSON text the daemon could send', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          eventLikeJson.map((value) => JSON.stringify(value)),
        ),
        (text) => {
          const event = parseDockerEvent(JSON.parse(text) as unknown);
          if (event !== null) expectWellFormed(event);
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
    // Numbers JSON cannot hold as finite doubles, and keys that name Object.prototype.
    const edge = parseDockerEvent(
      JSON.parse('{"Type":"container","Action":"start","time":1e300,"Actor":{"Attributes":{"__proto__":"x","a":"b"}}}'),
    );
    expect(edge).not.toBeNull();
    expectWellFormed(edge!);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

/** A line of the stream: a valid event (with what parseDockerEvent must make of it) or garbage that is no event. */
type Line = { text: string; event: DockerEvent | null };

const word = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((text) => !/[\n\r]/.test(text) && text.trim() === text);
const validEvent: fc.Arbitrary<Line> = fc
  .record({
    type: word,
    action: word,
    id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 }),
    attributes: fc.dictionary(
      word.filter((key) => key !== '__proto__'),
      fc.string({ unit: 'grapheme' }),
      { maxKeys: 5 },
    ),
    timeNano: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    legacy: fc.boolean(),
  })
  .map(({ type, action, id, attributes, timeNano, legacy }) => {
    const raw = legacy
      ? { status: action, id, from: 'busybox', Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, time: 1, timeNano }
      : { Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local', timeNano };
    return { text: JSON.stringify(raw), event: { type, action, id, attributes, timeNano } };
  });

const garbage: fc.Arbitrary<Line> = fc
  .oneof(
    // Not an object at all: can never be an event.
    fc.string({ unit: 'grapheme' }).filter((text) => !text.trimStart().startsWith('{')),
    fc.json().filter((text) => !text.trimStart().startsWith('{')),
    // Objects without a usable type and action.
    fc.constantFrom('{}', '{"Type":""}', '{"Action":"start"}', '{"Type":"container","Action":42}', '{"status":null}'),
    // A valid event cut short: the daemon died mid-line.
    validEvent.chain(({ text }) => fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut))),
  )
  .map((text) => ({ text: text.replace(/[\r\n]/g, ' '), event: null }));

const lines = fc.array(fc.oneof({ weight: 2, arbitrary: validEvent }, { weight: 1, arbitrary: garbage }), { maxLength: 40 });

async function feed(chunks: Buffer[]): Promise<DockerEvent[]> {
  const stream = new PassThrough();
  const events: DockerEvent[] = [];
  const done = consumeEventStream(stream as unknown as IncomingMessage, (event) => events.push(event));
  for (const chunk of chunks) {
    stream.write(chunk);
    // One 'data' event per chunk: let the consumer see this chunk before the next is written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  stream.end();
  await done;
  return events;
}

/** Splits bytes at arbitrary points, including inside multi-byte UTF-8 characters. */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks.filter((chunk) => chunk.length > 0);
}

describe('consumeEventStream (property)', () => {
  it('yields exactly the valid events, in order, however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        lines,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (list, cuts, eol, trailing) => {
          const text = list.map((line) => line.text).join(eol) + (trailing ? eol : '');
          const events = await feed(chunked(Buffer.from(text, 'utf8'), cuts));
          // Without a final newline the last line is still in the buffer when the stream ends: it is not an event yet.
          const complete = trailing ? list : list.slice(0, -1);
          expect(events).toEqual(complete.flatMap((line) => (line.event ? [line.event] : [])));
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('drops a line longer than 1 MB whole, without taking its tail for an event', async () => {
    await fc.assert(
      fc.asyncProperty(validEvent, validEvent, fc.array(fc.nat(), { maxLength: 8 }), async (before, after, cuts) => {
        const smuggled = '{"Type":"container","Action":"destroy","Actor":{"ID":"smuggled"}}';
        const text = `${before.text}\n${'x'.repeat(1_100_000)}${smuggled}\n${after.text}\n`;
        const events = await feed(chunked(Buffer.from(text), [...cuts, 1_000_100, 1_100_000 + Buffer.byteLength(before.text) + 1]));
        expect(events).toEqual([before.event, after.event]);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});
