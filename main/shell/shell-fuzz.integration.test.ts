import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type WireServerMessage, wireMaxMessageBytes } from '../../shared/contract.js';
import type { ProfileDraft } from '../../shared/host-view.js';
import type { BerthService } from '../core/app/berth-service.js';
import {
  FUZZ_SEED,
  type FuzzCase,
  contractAccepts,
  fuzzCases,
  isEnvelope,
  prototypeFingerprint,
  mayChangeState,
} from '../../test-support/contract-fuzz.js';
import { createAppService } from '../core/app/create-service.js';
import { FakeDaemon, TempDirs } from '../../test-support/service-fakes.js';
import { type ShellServer, startShellServer } from './shell-server.js';
import { shellSocket } from '../../e2e/support/shell-socket.js';

/**
 * The browser shell's WebSocket under fuzz: thousands of seeded frames (malformed JSON, wrong
 * types for every field of every channel, invalid channels and ids, prototype-pollution keys,
 * binary frames, frames over 1 MB, very deep nesting). Every frame with a usable id gets exactly
 * one envelope back, frames without one are dropped, the server stays up, and nothing changes.
 */
const BATCHES = 100;
const BATCH = { min: 30, max: 40 };

const temp = new TempDirs();
let service: BerthService;
let server: ShellServer;
let dataDir: string;
let socket: WebSocket;
const received: WireServerMessage[] = [];

const drafts: ProfileDraft[] = [
  { id: 'tcp-1', name: 'tcp one', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } },
  {
    id: 'ssh-1',
    name: 'ssh one',
    tags: [],
    transport: { type: 'ssh', host: '127.0.0.1', user: 'deploy', auth: { method: 'password', password: 'ws-fuzz-stored-password' } },
  },
];

beforeAll(async () => {
  dataDir = temp.make('berth-ws-fuzz-');
  const rendererDir = temp.make('berth-ws-fuzz-renderer-');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  service = await createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-fuzz',
    useUserKnownHosts: false,
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    testHooks: {
      connections: { openConnection: new FakeDaemon().open, heartbeatMs: 60_000 },
      testTimeoutMs: 2_000,
      detectTimeoutMs: 200,
    },
  });
  for (const draft of drafts) expect((await service.invoke('hosts:save', { draft })).ok).toBe(true);
  server = await startShellServer({ service, rendererDir, port: 0 });
  socket = await openSocket();
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as WireServerMessage));
  await vi.waitFor(async () => {
    const hosts = await invokeOverSocket('hosts:list', {});
    expect((hosts as Array<{ status: { state: string } }>).map((host) => host.status.state)).toEqual(['ready', 'ready']);
  });
});

afterAll(async () => {
  socket?.terminate();
  await server?.close();
  await service?.dispose();
  temp.cleanup();
});

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = shellSocket(server);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function replyTo(id: number | string, timeoutMs = 15_000) {
  return vi.waitFor(
    () => {
      const reply = received.find((message) => message.type === 'reply' && message.id === id);
      if (!reply || reply.type !== 'reply') throw new Error(`no reply to ${id} yet`);
      return reply.reply;
    },
    { timeout: timeoutMs, interval: 5 },
  );
}

async function invokeOverSocket(channel: string, input: unknown): Promise<unknown> {
  const id = `sentinel-${nextId++}`;
  socket.send(JSON.stringify({ id, type: 'invoke', channel, input }));
  const reply = await replyTo(id);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

/** One frame as sent, with what must come back for it. */
interface Frame {
  data: string | Buffer;
  binary: boolean;
  /** The id a reply must carry; undefined: the frame must be dropped. */
  id: number | string | undefined;
  /** False when the contract accepts the frame's invoke (then the reply may be ok). */
  mustFail: boolean;
  kind: string;
}

type IdChoice = { kind: 'number' | 'string' } | { kind: 'invalid'; value: unknown } | { kind: 'missing' };
const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<IdChoice>({ kind: 'number' }, { kind: 'string' }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isSafeInteger(n)),
        fc.constantFrom(2 ** 53, -(2 ** 60), '', 'x'.repeat(65), null, true, [], {}, [1], { id: 1 }),
      )
      .map((value): IdChoice => ({ kind: 'invalid', value })),
  },
  { weight: 1, arbitrary: fc.constant<IdChoice>({ kind: 'missing' }) },
);

function allocate(choice: IdChoice): { field: string; id: number | string | undefined } {
  if (choice.kind === 'missing') return { field: '', id: undefined };
  if (choice.kind === 'invalid') return { field: `"id":${JSON.stringify(choice.value)},`, id: undefined };
  const id = choice.kind === 'number' ? nextId++ : `f-${nextId++}`;
  return { field: `"id":${JSON.stringify(id)},`, id };
}

/** The invoke of a fuzz case as JSON text (inputs JSON.stringify cannot write come as text). */
function invokeText(idField: string, fuzz: FuzzCase, padding = ''): string {
  const input = fuzz.inputText ?? JSON.stringify(fuzz.input) ?? 'null';
  const pad = padding === '' ? '' : `,"padding":"${padding}"`;
  return `{${idField}"type":"invoke","channel":${JSON.stringify(fuzz.channel) ?? 'null'},"input":${input}${pad}}`;
}

const frame: fc.Arbitrary<Frame> = fc.oneof(
  // An invoke with fuzzed channel and input.
  {
    weight: 14,
    arbitrary: fc.tuple(idChoice, fuzzCases({ json: true })).map(([choice, fuzz]): Frame => {
      const { field, id } = allocate(choice);
      const text = invokeText(field, fuzz);
      const parsed = JSON.parse(text) as { channel: unknown; input: unknown };
      const mustFail = !contractAccepts(parsed.channel, parsed.input) || Buffer.byteLength(text) > wireMaxMessageBytes;
      return { data: text, binary: false, id, mustFail, kind: `invoke:${fuzz.category}` };
    }),
  },
  // Text that is not JSON, or JSON that is not a message.
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'binary' }),
        fc.constantFrom('', '{', '{"id":1', 'null', '[]', '[{"id":1,"type":"invoke"}]', '"invoke"', '1e999', '{"id":1}}', '\u0000'),
        fc.json().filter((text) => !text.startsWith('{')),
      )
      .filter((text) => {
        try {
          const value = JSON.parse(text) as unknown;
          return typeof value !== 'object' || value === null || Array.isArray(value) || !('id' in value);
        } catch {
          return true;
        }
      })
      .map((text): Frame => ({ data: text, binary: false, id: undefined, mustFail: true, kind: 'garbage' })),
  },
  // Wrong or missing message types; ready with an id.
  {
    weight: 2,
    arbitrary: fc
      .tuple(idChoice, fc.oneof(fc.constantFrom('bogus', 'reply', 'push', 'INVOKE', '', null, 1, {}, []), fc.string()))
      .filter(([, type]) => type !== 'invoke' && type !== 'ready')
      .map(([choice, type]): Frame => {
        const { field, id } = allocate(choice);
        return {
          data: `{${field}"type":${JSON.stringify(type)},"channel":"hosts:list","input":{}}`,
          binary: false,
          id,
          mustFail: true,
          kind: 'type',
        };
      }),
  },
  // Binary frames: random bytes, or a valid invoke sent as binary.
  {
    weight: 2,
    arbitrary: fc.tuple(idChoice, fc.boolean(), fc.uint8Array({ maxLength: 512 })).map(([choice, json, bytes]): Frame => {
      if (!json) return { data: Buffer.from(bytes), binary: true, id: undefined, mustFail: true, kind: 'binary' };
      const { field, id } = allocate(choice);
      return {
        data: Buffer.from(`{${field}"type":"invoke","channel":"hosts:list","input":{}}`),
        binary: true,
        id,
        mustFail: true,
        kind: 'binary-json',
      };
    }),
  },
  // Frames over 1 MB (and below the 8 MB that closes the socket).
  {
    weight: 1,
    arbitrary: fc
      .tuple(idChoice, fc.integer({ min: wireMaxMessageBytes + 1, max: wireMaxMessageBytes + 300_000 }))
      .map(([choice, size]): Frame => {
        const { field, id } = allocate(choice);
        const text = invokeText(field, { category: 'huge-string', channel: 'hosts:list', input: {} }, 'x'.repeat(size));
        return { data: text, binary: false, id, mustFail: true, kind: 'oversized' };
      }),
  },
);

describe('the browser shell WebSocket under fuzz', () => {
  it(`answers every fuzzed frame with an envelope or drops it, stays up, and changes nothing (${BATCHES} batches)`, async () => {
    const hostsBefore = await invokeOverSocket('hosts:list', {});
    const profilesFile = path.join(dataDir, 'profiles.json');
    const fileBefore = {
      bytes: readFileSync(profilesFile, 'utf8'),
      mtimeMs: statSync(profilesFile).mtimeMs,
      files: readdirSync(dataDir).sort(),
    };
    const prototypesBefore = prototypeFingerprint();
    const counts: Record<string, number> = {};
    let frames = 0;
    let replies = 0;
    let dropped = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: BATCH.min, maxLength: BATCH.max }), async (batch) => {
        // State-changing invokes the contract would accept are the one thing the fuzz does not send.
        const sendable = batch.filter((f) => {
          if (f.mustFail || typeof f.data !== 'string') return true;
          const parsed = JSON.parse(f.data) as { channel: unknown };
          return !mayChangeState(parsed.channel);
        });
        const start = received.length;
        for (const f of sendable) {
          socket.send(f.data, { binary: f.binary });
          counts[f.kind] = (counts[f.kind] ?? 0) + 1;
        }
        frames += sendable.length;
        // A sentinel after the batch: the socket is answered in order of arrival, so once it is
        // answered every earlier frame has been read.
        const sentinel = `sentinel-${nextId++}`;
        socket.send(JSON.stringify({ id: sentinel, type: 'invoke', channel: 'app:info', input: {} }));
        for (const f of sendable) {
          if (f.id === undefined) continue;
          const reply = await replyTo(f.id);
          expect(isEnvelope(reply), `reply to ${f.kind}`).toBe(true);
          if (f.mustFail) expect(reply.ok, `${f.kind} ${String(f.data).slice(0, 200)}`).toBe(false);
        }
        expect(await replyTo(sentinel)).toMatchObject({ ok: true });
        await new Promise((resolve) => setTimeout(resolve, 10));
        const batchReplies = received.slice(start).filter((message) => message.type === 'reply' && message.id !== sentinel);
        const expected = sendable.filter((f) => f.id !== undefined);
        // Exactly one reply per frame with a usable id, none for the others.
        expect(batchReplies.map((message) => (message as { id: unknown }).id).sort()).toEqual(expected.map((f) => f.id).sort());
        replies += expected.length;
        dropped += sendable.length - expected.length;
        expect(socket.readyState).toBe(WebSocket.OPEN);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: FUZZ_SEED, numRuns: BATCHES, endOnFailure: true },
    );

    console.info(`WebSocket fuzz: ${frames} frames, ${replies} answered, ${dropped} dropped; ${JSON.stringify(counts)}`);
    expect(frames).toBeGreaterThanOrEqual(3_000);
    expect(prototypeFingerprint()).toBe(prototypesBefore);
    expect(await invokeOverSocket('hosts:list', {})).toEqual(hostsBefore);
    expect({
      bytes: readFileSync(profilesFile, 'utf8'),
      mtimeMs: statSync(profilesFile).mtimeMs,
      files: readdirSync(dataDir).sort(),
    }).toEqual(fileBefore);
    expect(existsSync(path.join(dataDir, 'secrets-vault.json'))).toBe(false);

    // A frame past the hard limit closes only that socket; a new one works.
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(`{"id":1,"type":"invoke","channel":"hosts:list","input":{},"padding":"${'x'.repeat(9 * wireMaxMessageBytes)}"}`);
    expect(await closed).toBe(1009);
    socket = await openSocket();
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as WireServerMessage));
    expect(await invokeOverSocket('hosts:list', {})).toEqual(hostsBefore);
  }, 300_000);
});
