import fc from 'fast-check';
import { type InvokeChannel, invokeChannels, invokeSchemas } from '../shared/contract.js';
import { isErrorCode } from '../shared/errors.js';

/**
 * fast-check arbitraries for fuzzing the contract (BerthService.invoke and the browser shell's
 * WebSocket): malformed, oversized and wrong-typed input for every channel, prototype-pollution
 * keys, invalid channel names. `json: true` keeps to what JSON can carry (the WebSocket).
 */
export const FUZZ_SEED = 0x0be27;

/**
 * A valid input of each channel; the fuzz breaks these one field at a time. Hosts named here do
 * not exist. A channel without one here (a newer channel) is fuzzed from `{}`.
 */
export const validInputs: Partial<Record<InvokeChannel, unknown>> = {
  'hosts:list': {},
  'hosts:save': {
    draft: {
      id: 'fuzz-host',
      name: 'fuzz host',
      color: '#1e90ff',
      tags: ['fuzz'],
      transport: {
        type: 'ssh',
        host: '127.0.0.1',
        port: 22,
        user: 'deploy',
        auth: { method: 'password', password: 'fuzz-password' },
        remoteSocket: '/var/run/docker.sock',
        jumpHosts: [{ host: '127.0.0.2', port: 22, user: 'jump', auth: { method: 'key', keyPath: '/keys/id', passphrase: 'fuzz-pp' } }],
      },
      keepStoredSecrets: true,
    },
  },
  'hosts:remove': { hostId: 'fuzz-ghost' },
  'hosts:test': {
    draft: {
      id: 'fuzz-test',
      name: 'fuzz test',
      tags: [],
      transport: {
        type: 'tls',
        host: '127.0.0.1',
        port: 9,
        ca: { kind: 'path', path: '/nonexistent/ca.pem' },
        cert: { kind: 'path', path: '/nonexistent/cert.pem' },
        key: { kind: 'pem', pem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' },
        serverName: 'docker.example',
      },
    },
  },
  'hosts:retry': { hostId: 'fuzz-ghost' },
  'hosts:snapshot': { hostId: 'fuzz-ghost' },
  'hosts:refresh': { hostId: 'fuzz-ghost' },
  'hosts:accept-host-key': { hostId: 'fuzz-ghost', persist: true },
  'hosts:reject-host-key': { hostId: 'fuzz-ghost' },
  'endpoint:parse': { url: 'tcp://127.0.0.1:2375' },
  'local:detect': {},
  'app:info': {},
  'secrets:unlock': { passphrase: 'fuzz passphrase' },
  'secrets:set-master-passphrase': { passphrase: 'fuzz passphrase', currentPassphrase: 'old passphrase' },
};

/** Channels that only read: an input the schema accepts may be sent to them. */
const readOnlyChannels: ReadonlySet<string> = new Set([
  'hosts:list',
  'hosts:snapshot',
  'hosts:test',
  'endpoint:parse',
  'local:detect',
  'app:info',
]);

/**
 * Whether an input the schema accepts could change state (save, remove, unlock, generate or
 * install certificates…): the fuzz never sends such an input. Every channel not known to only
 * read counts, so a channel added later is safe by default.
 */
export function mayChangeState(channel: unknown): boolean {
  return !(typeof channel === 'string' && readOnlyChannels.has(channel));
}

export type FuzzCategory =
  | 'anything'
  | 'wrong-type'
  | 'out-of-range'
  | 'missing-field'
  | 'unknown-key'
  | 'huge-string'
  | 'deep'
  | 'pollution'
  | 'invalid-channel'
  | 'not-an-object';

export interface FuzzCase {
  category: FuzzCategory;
  channel: unknown;
  /** The input value (for JSON: what `inputText` parses to, when that is given). */
  input: unknown;
  /** Raw JSON text of the input, for inputs JSON.stringify cannot produce (very deep nesting, __proto__ keys). */
  inputText?: string;
}

const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const fieldKeys = [
  'hostId',
  'draft',
  'url',
  'passphrase',
  'currentPassphrase',
  'persist',
  'id',
  'name',
  'transport',
  'type',
  'auth',
  'password',
  'pem',
];
const keyArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...pollutionKeys, ...fieldKeys));

function anyValue(json: boolean, maxDepth = 3): fc.Arbitrary<unknown> {
  if (json) {
    return fc.anything({
      key: keyArb,
      maxDepth,
      values: [fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(null)],
    });
  }
  return fc.anything({
    key: keyArb,
    maxDepth,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  });
}

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

function getAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<PropertyKey, unknown>)[key], value);
}

/** A deep copy with `path` set to `replacement` (or deleted when `remove`), keys defined as own properties. */
function withAt(value: unknown, path: readonly PropertyKey[], replacement: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<PropertyKey, unknown>;
  const key = path.at(-1)!;
  if (remove) delete parent[key];
  else Object.defineProperty(parent, key, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A value of another type than `original`. */
function wrongTypeFor(original: unknown, json: boolean): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(keyArb, fc.integer(), { maxKeys: 3 }),
  ];
  if (typeof original !== 'string') others.push(fc.string(), fc.constantFrom('2375', 'true', ''));
  if (typeof original !== 'number') others.push(fc.integer(), fc.double({ noNaN: json, noDefaultInfinity: json }));
  if (typeof original !== 'boolean') others.push(fc.boolean());
  if (!json)
    others.push(
      fc.constant(undefined),
      fc.bigInt(),
      fc.constant(Symbol('fuzz')),
      fc.constant(() => 1),
      fc.date(),
    );
  return fc.oneof(...others);
}

/** Numbers a port, or any number field, must refuse. */
function outOfRange(json: boolean): fc.Arbitrary<unknown> {
  const values: unknown[] = [0, -1, 65536, 70_000, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE];
  if (!json) values.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return fc.oneof(fc.constantFrom(...values), fc.integer({ min: 65536, max: 2 ** 31 }), fc.integer({ min: -(2 ** 31), max: 0 }));
}

const hugeString = fc
  .tuple(fc.integer({ min: 70_000, max: 1_200_000 }), fc.constantFrom('x', 'é', '🙂', '\u0000', '{"', '\\', '"'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

const channelArb = fc.constantFrom(...invokeChannels);

const invalidChannel = (json: boolean) =>
  fc
    .oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'HOSTS:LIST',
        'hosts:list ',
        ' hosts:list',
        'hosts:list\u0000',
        'berth:invoke:hosts:list',
        'hosts:*',
        'hosts',
        '',
        'a'.repeat(100_000),
      ),
      fc.string(),
      anyValue(json, 2),
    )
    .filter((channel) => !(typeof channel === 'string' && (invokeChannels as string[]).includes(channel)));

/** Inputs parsed from text, so `__proto__` arrives as an own key the way JSON.parse (and IPC) deliver it. */
const pollutionTexts = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"hostId":"fuzz-ghost","__proto__":{"polluted":"yes"}}',
  '{"draft":{"__proto__":{"polluted":"yes"},"id":"x"}}',
  '{"draft":{"id":"p1","name":"p","tags":[],"transport":{"type":"tcp","host":"127.0.0.1","port":"2375","__proto__":{"polluted":"yes"}}}}',
  '{"draft":{"id":"p1","name":"p","tags":{"__proto__":["polluted"]},"transport":{"type":"tcp","host":"127.0.0.1"}}}',
  '{"draft":{"constructor":{"prototype":{"polluted":"yes"}},"transport":{"type":"ssh","auth":{"__proto__":{"method":"agent"}}}}}',
  '{"url":{"__proto__":{"polluted":"yes"}}}',
  '{"passphrase":{"toString":"polluted"}}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

export function fuzzCases(options: { json: boolean }): fc.Arbitrary<FuzzCase> {
  const { json } = options;
  const mutate = channelArb.chain((channel) => {
    const template = validInputs[channel] ?? {};
    const paths = pathsOf(template);
    const wrongType =
      paths.length === 0
        ? fc.constant<FuzzCase>({ category: 'wrong-type', channel, input: { surprise: 1 } })
        : fc.constantFrom(...paths).chain((path) =>
            wrongTypeFor(getAt(template, path), json).map((value): FuzzCase => ({
              category: 'wrong-type',
              channel,
              input: withAt(template, path, value),
            })),
          );
    const numberPaths = paths.filter((path) => typeof getAt(template, path) === 'number');
    const range =
      numberPaths.length === 0
        ? wrongType
        : fc
            .tuple(fc.constantFrom(...numberPaths), outOfRange(json))
            .map(([path, value]): FuzzCase => ({ category: 'out-of-range', channel, input: withAt(template, path, value) }));
    const missing =
      paths.length === 0
        ? wrongType
        : fc
            .constantFrom(...paths)
            .map((path): FuzzCase => ({ category: 'missing-field', channel, input: withAt(template, path, undefined, true) }));
    const unknownKey = fc
      .tuple(fc.oneof(fc.constantFrom(...pollutionKeys), fc.string({ minLength: 1, maxLength: 12 })), anyValue(json, 1))
      .filter(([key]) => !Object.hasOwn(template as object, key))
      .map(([key, value]): FuzzCase => ({ category: 'unknown-key', channel, input: withAt(template, [key], value) }));
    const stringPaths = paths.filter((path) => typeof getAt(template, path) === 'string');
    const huge =
      stringPaths.length === 0
        ? fc.constant<FuzzCase>({ category: 'huge-string', channel, input: { huge: 'x'.repeat(80_000) } })
        : fc
            .tuple(fc.constantFrom(...stringPaths), hugeString)
            .map(([path, text]): FuzzCase => ({ category: 'huge-string', channel, input: withAt(template, path, text) }));
    const anything = anyValue(json).map((input): FuzzCase => ({ category: 'anything', channel, input }));
    const notObject = fc
      .oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.constant(template), { maxLength: 2 }),
        ...(json ? [] : [fc.constant(undefined)]),
      )
      .map((input): FuzzCase => ({ category: 'not-an-object', channel, input }));
    const deep = fc
      .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.boolean(), fc.constantFrom(...Object.keys(template as object), 'x'))
      .map(([depth, arrays, key]): FuzzCase => {
        const inner = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const inputText = `{${JSON.stringify(key)}:${inner}}`;
        return { category: 'deep', channel, input: JSON.parse(inputText), inputText };
      });
    const pollution = fc
      .constantFrom(...pollutionTexts)
      .map((inputText): FuzzCase => ({ category: 'pollution', channel, input: JSON.parse(inputText), inputText }));
    return fc.oneof(
      { weight: 6, arbitrary: wrongType },
      { weight: 2, arbitrary: range },
      { weight: 3, arbitrary: missing },
      { weight: 2, arbitrary: unknownKey },
      { weight: 1, arbitrary: huge },
      { weight: 4, arbitrary: anything },
      { weight: 1, arbitrary: notObject },
      { weight: 1, arbitrary: deep },
      { weight: 2, arbitrary: pollution },
    );
  });
  const badChannel = fc
    .tuple(
      invalidChannel(json),
      fc.oneof(
        anyValue(json, 2),
        channelArb.map((channel) => validInputs[channel] ?? {}),
      ),
    )
    .map(([channel, input]): FuzzCase => ({ category: 'invalid-channel', channel, input }));
  return fc.oneof({ weight: 9, arbitrary: mutate }, { weight: 1, arbitrary: badChannel });
}

/** Whether the contract accepts this channel and input (then a reply may be ok). */
export function contractAccepts(channel: unknown, input: unknown): boolean {
  if (typeof channel !== 'string' || !Object.hasOwn(invokeSchemas, channel)) return false;
  return invokeSchemas[channel as InvokeChannel].safeParse(input).success;
}

/** A reply is a well-formed envelope: `{ok: true, value}` or `{ok: false, error: {code, message}}` with a known code and a bounded message. */
export function isEnvelope(reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, error, value } = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown }; value?: unknown };
  if (ok === true) return value !== undefined;
  return (
    ok === false &&
    typeof error === 'object' &&
    error !== null &&
    isErrorCode(error.code) &&
    typeof error.message === 'string' &&
    error.message.length > 0 &&
    error.message.length < 2_000
  );
}

/** Own properties of the built-in prototypes, to prove afterwards that nothing polluted them. */
export function prototypeFingerprint(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort()),
  );
}
