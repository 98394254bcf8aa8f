import { createRequire } from 'node:module';
import util from 'node:util';
import Dockerode from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeDaemonServer, endlessBody } from '../../../test-support/fake-daemon-server.js';
import { classifyConnectionError } from './classify-error.js';

// dockerode stays for hijacked streams (logs, attach, exec); patches/docker-modem+*.patch
// removes two costs of its modem. These tests fail if the patch is not applied (an install
// that skipped `postinstall`, or a docker-modem upgrade the patch no longer fits).

/** The `debug` package instance docker-modem itself loaded. */
const modemDebug = createRequire(import.meta.resolve('docker-modem'))('debug') as {
  enable(namespaces: string): void;
  disable(): string;
  log: (...args: unknown[]) => void;
};

let daemon: FakeDaemonServer;
let docker: Dockerode;

beforeEach(async () => {
  daemon = await new FakeDaemonServer().start();
  docker = new Dockerode({ protocol: 'http', host: '127.0.0.1', port: daemon.port });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await daemon.close();
});

/** util.inspect calls with showHidden, as docker-modem's debug line makes them. */
function deepInspections(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([, options]) => (options as util.InspectOptions | undefined)?.showHidden === true).length;
}

describe('docker-modem as patched', () => {
  it('formats no request options while debug output is off', async () => {
    const inspect = vi.spyOn(util, 'inspect');
    for (let i = 0; i < 50; i += 1) await docker.version();
    expect(daemon.stats.versionReads).toBe(50);
    expect(deepInspections(inspect)).toBe(0);

    // The spy does see the modem's call once debug output is on, so the count above means something.
    const log = modemDebug.log;
    modemDebug.log = () => undefined;
    modemDebug.enable('modem');
    try {
      await docker.version();
    } finally {
      modemDebug.disable();
      modemDebug.log = log;
    }
    expect(deepInspections(inspect)).toBe(1);
  });

  it('ends a non-200 stream with an endless body in a bounded error', async () => {
    let written = 0;
    daemon.override = (request, response) => {
      if (!request.url?.startsWith('/events')) return false;
      const write = response.write.bind(response);
      response.write = ((chunk: Buffer) => {
        written += chunk.length;
        return write(chunk);
      }) as typeof response.write;
      endlessBody(response, 500);
      return true;
    };
    const error = (await docker.getEvents().catch((failure: unknown) => failure)) as Error & { statusCode?: number; code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.statusCode).toBe(500);
    expect(error.message.length).toBeLessThan(200);
    // The response was destroyed: nothing more is written once the socket buffers are full.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const settled = written;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written).toBe(settled);

    expect(classifyConnectionError(error, { endpoint: 'tcp://127.0.0.1:1', tls: false })).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      message: expect.stringContaining("error answer (HTTP 500) larger than Berth's cap of 64 KiB"),
    });
  });
});
