import { afterEach, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../shared/snapshot.js';
import { type Settings, defaultFleetSettings, defaultSettings } from '../../../shared/settings.js';
import { TempDirs } from '../../../test-support/service-fakes.js';
import { BerthError } from '../errors.js';
import type { ConnectOptions } from '../transports/connect-options.js';
import type { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';

const temp = new TempDirs();
const services: BerthService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

const tuned: Settings = {
  theme: 'light',
  connection: { requestTimeoutMs: 2_500, heartbeatMs: 20_000, backoffInitialMs: 4_000, backoffMaxMs: 8_000 },
  fleet: defaultFleetSettings,
};

/** A daemon that refuses every connection (retryable) and records the deadline each attempt was given. */
function refusingOpener() {
  const deadlines: number[] = [];
  const open = async (_profile: unknown, options: ConnectOptions) => {
    deadlines.push(options.timeoutMs);
    throw new BerthError('CONNECTION_REFUSED', 'Connection refused by the fake daemon.');
  };
  return { deadlines, open };
}

async function newService(dataDir: string, opener = refusingOpener()) {
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    useUserKnownHosts: false,
    homeDir: dataDir,
    // The first attempts retry quickly until the test saves its own policy; random 0 makes a delay exactly half its ceiling.
    testHooks: {
      connections: { openConnection: opener.open, heartbeatMs: 60_000, backoff: { initialMs: 20, maxMs: 20, random: () => 0 } },
    },
  });
  services.push(service);
  return service;
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value;
}

/** The host's next first reconnect (attempt 1, as after a retry), with the delay it announced. */
function nextFirstReconnect(service: BerthService, hostId: string): Promise<{ attemptDelayMs: number; status: HostStatus }> {
  return new Promise((resolve) => {
    let done = false;
    const client = service.attachClient((message) => {
      if (done || message.channel !== 'host:status') return;
      const { hostId: id, status } = message.payload as { hostId: string; status: HostStatus };
      if (id !== hostId || status.state !== 'reconnecting' || status.attempt !== 1) return;
      done = true;
      resolve({ attemptDelayMs: status.nextAttemptAt - Date.now(), status });
      queueMicrotask(() => client.detach());
    });
    client.ready();
  });
}

describe('settings:get / settings:save', () => {
  it('answers the defaults, saves a change to settings.json, and a restarted service reads it back', async () => {
    const dataDir = temp.make();
    const first = await newService(dataDir);
    expect(await ok(first.invoke('settings:get', {}))).toEqual(defaultSettings);
    expect(await ok(first.invoke('settings:save', { settings: tuned }))).toEqual(tuned);
    await first.dispose();
    const second = await newService(dataDir);
    expect(await ok(second.invoke('settings:get', {}))).toEqual(tuned);
  });

  it('refuses settings out of bounds with a message that names the field, and keeps the saved ones', async () => {
    const service = await newService(temp.make());
    await ok(service.invoke('settings:save', { settings: tuned }));
    const tooShort = await service.invoke('settings:save', {
      settings: { ...tuned, connection: { ...tuned.connection, requestTimeoutMs: 10 } },
    });
    expect(tooShort).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/^settings:save: settings\.connection\.requestTimeoutMs: Too small/),
      },
    });
    const backwards = await service.invoke('settings:save', {
      settings: { ...tuned, connection: { ...tuned.connection, backoffInitialMs: 9_000, backoffMaxMs: 8_000 } },
    });
    expect(backwards).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('settings.connection.backoffMaxMs: The longest reconnect wait') },
    });
    expect(await ok(service.invoke('settings:get', {}))).toEqual(tuned);
  });
});

describe('new connection settings reach hosts that already exist', () => {
  it('uses the saved deadline and backoff from the next connect of a host added before the change', async () => {
    const opener = refusingOpener();
    const service = await newService(temp.make(), opener);
    await ok(
      service.invoke('hosts:save', { draft: { id: 'h1', name: 'h1', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 1 } } }),
    );
    // The host keeps retrying with the built-in deadline until the settings change (its attempt
    // count is past 1 by then, so the only attempt-1 reconnect below is the retry's).
    await expect.poll(() => opener.deadlines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(opener.deadlines)).toEqual(new Set([defaultSettings.connection.requestTimeoutMs]));

    const attemptsBefore = opener.deadlines.length;
    await ok(service.invoke('settings:save', { settings: tuned }));
    const reconnect = nextFirstReconnect(service, 'h1');
    await ok(service.invoke('hosts:retry', { hostId: 'h1' }));
    const { attemptDelayMs, status } = await reconnect;

    // The retry's connect was given the new deadline …
    expect(opener.deadlines.slice(attemptsBefore).at(-1)).toBe(tuned.connection.requestTimeoutMs);
    // … and its reconnect waits half the new first ceiling (random 0): 4 s / 2, not the 10 ms of before.
    expect(status.state).toBe('reconnecting');
    expect(attemptDelayMs).toBeGreaterThan(1_900);
    expect(attemptDelayMs).toBeLessThanOrEqual(2_000);
  });
});
