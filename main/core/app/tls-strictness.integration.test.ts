import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProfileDraft } from '../../../shared/host-view.js';
import type { LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import type { BerthService } from './berth-service.js';
import { createAppService } from './create-service.js';
import { TempDirs } from '../../../test-support/service-fakes.js';

/**
 * Certificate checks hold, and nothing retries without them. A TLS server on loopback watches
 * from the other side: when Berth (through hosts:test, a saved host, its reconnects and an
 * explicit retry) meets a certificate from the wrong CA, no handshake may ever complete; when the
 * certificate names another host, the handshake completes at the TLS layer but Berth must hang up
 * before sending a single byte. Every https agent Berth creates meanwhile verifies.
 */
let lab: LabManifest;
const temp = new TempDirs();
const services: BerthService[] = [];
const agentOptions: Array<Record<string, unknown>> = [];
const originalCreateConnection = https.Agent.prototype.createConnection;

beforeAll(() => {
  lab = requireLab();
  https.Agent.prototype.createConnection = function (this: https.Agent, ...args: unknown[]) {
    agentOptions.push({ ...(args[0] as Record<string, unknown>) });
    return (originalCreateConnection as (...a: unknown[]) => ReturnType<typeof originalCreateConnection>).apply(this, args);
  } as typeof originalCreateConnection;
});

afterAll(() => {
  https.Agent.prototype.createConnection = originalCreateConnection;
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
  temp.cleanup();
});

interface Observer {
  port: number;
  connections: number;
  handshakes: number;
  bytesAfterHandshake: number;
  close(): Promise<void>;
}

/** A daemon look-alike presenting `certPath` and requiring a lab client certificate. */
async function observer(certPath: string, keyPath: string): Promise<Observer> {
  const state = { connections: 0, handshakes: 0, bytesAfterHandshake: 0 };
  const server = tls.createServer({
    cert: readFileSync(certPath),
    key: readFileSync(keyPath),
    ca: readFileSync(lab.tls.caPath),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('connection', () => (state.connections += 1));
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (socket) => {
    state.handshakes += 1;
    socket.on('data', (data: Buffer) => (state.bytesAfterHandshake += data.length));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as Observer;
}

/** The observer's connection count once it has not changed for 500 ms. */
async function settledConnections(server: Observer): Promise<number> {
  let last = -1;
  while (last !== server.connections) {
    last = server.connections;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}

async function newService(): Promise<BerthService> {
  const service = await createAppService({
    dataDir: temp.make('berth-tls-strict-'),
    shell: 'browser',
    version: '0',
    useUserKnownHosts: false,
    // Fast backoff: if any failure here were retried (with or without checks), it would show within the wait below.
    testHooks: {
      connections: { backoff: { initialMs: 50, maxMs: 100, random: () => 0.5 } },
      testTimeoutMs: 5_000,
    },
  });
  services.push(service);
  return service;
}

function tlsDraft(id: string, port: number, ca: string, serverName?: string): ProfileDraft {
  return {
    id,
    name: id,
    tags: [],
    transport: {
      type: 'tls',
      host: '127.0.0.1',
      port,
      ca: { kind: 'path', path: ca },
      cert: { kind: 'path', path: lab.tls.certPath },
      key: { kind: 'path', path: lab.tls.keyPath },
      ...(serverName ? { serverName } : {}),
    },
  };
}

async function statusOf(service: BerthService, hostId: string) {
  const reply = await service.invoke('hosts:list', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value.find((host) => host.profile.id === hostId)?.status;
}

describe('TLS strictness', () => {
  it('a certificate from the wrong CA fails as TLS_UNTRUSTED_CERTIFICATE, and no path ever completes a handshake with it', async () => {
    const server = await observer(lab.tls.wrongSanServer.certPath, lab.tls.wrongSanServer.keyPath);
    try {
      const service = await newService();
      // The rogue CA did not sign the server's certificate; the name would match, so only the chain is wrong.
      const draft = tlsDraft('wrong-ca', server.port, lab.tls.rogue.caPath, 'elsewhere.invalid');
      expect(await service.invoke('hosts:test', { draft })).toMatchObject({ ok: false, error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } });
      expect(await service.invoke('hosts:save', { draft })).toMatchObject({ ok: true });
      await vi.waitFor(
        async () =>
          expect(await statusOf(service, 'wrong-ca')).toMatchObject({ state: 'failed', error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } }),
        {
          timeout: 15_000,
        },
      );
      // One attempt opens several connections at once (version, info, containers, df): let the last arrive.
      const attemptsAfterFailure = await settledConnections(server);
      // A TLS failure is the operator's to fix: no reconnect loop, with or without checks.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(server.connections).toBe(attemptsAfterFailure);
      expect(await statusOf(service, 'wrong-ca')).toMatchObject({ state: 'failed', error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } });
      // An explicit retry verifies again, and fails again.
      expect(await service.invoke('hosts:retry', { hostId: 'wrong-ca' })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(server.connections).toBeGreaterThan(attemptsAfterFailure), { timeout: 10_000 });
      await vi.waitFor(async () =>
        expect(await statusOf(service, 'wrong-ca')).toMatchObject({ state: 'failed', error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } }),
      );
      expect(server.connections).toBeGreaterThanOrEqual(3);
      expect(server.handshakes).toBe(0);
      expect(server.bytesAfterHandshake).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a certificate for another name fails as TLS_HOSTNAME_MISMATCH before a byte of HTTP is sent', async () => {
    const server = await observer(lab.tls.wrongSanServer.certPath, lab.tls.wrongSanServer.keyPath);
    try {
      const service = await newService();
      const draft = tlsDraft('wrong-name', server.port, lab.tls.caPath);
      const tested = await service.invoke('hosts:test', { draft });
      expect(tested).toMatchObject({ ok: false, error: { code: 'TLS_HOSTNAME_MISMATCH' } });
      // The message names what the certificate is for, read from the failed handshake itself.
      expect(!tested.ok && tested.error.message).toMatch(/certificate at .+ is for DNS:elsewhere\.invalid\b.*not for 127\.0\.0\.1/);
      expect(!tested.ok && tested.error.message).not.toMatch(/cert's list: \)/);
      expect(await service.invoke('hosts:save', { draft })).toMatchObject({ ok: true });
      await vi.waitFor(
        async () =>
          expect(await statusOf(service, 'wrong-name')).toMatchObject({ state: 'failed', error: { code: 'TLS_HOSTNAME_MISMATCH' } }),
        {
          timeout: 15_000,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(server.bytesAfterHandshake).toBe(0);
      expect(await statusOf(service, 'wrong-name')).toMatchObject({ state: 'failed' });
      // The certificate panel does not wait for a connection that cannot happen: checked on the failure.
      await vi.waitFor(
        async () => {
          const reply = await service.invoke('hosts:list', {});
          const server = reply.ok ? reply.value[0]?.certificates?.entries.find((entry) => entry.role === 'server') : undefined;
          expect(server).toMatchObject({ level: 'critical', names: ['DNS:elsewhere.invalid'] });
        },
        { timeout: 15_000 },
      );
    } finally {
      await server.close();
    }
  });

  it('the lab daemon with a CA that did not sign it fails, and with the right CA connects', async () => {
    const service = await newService();
    const transport = lab.daemons.tls.transport;
    const wrong = {
      id: 'lab-rogue-ca',
      name: 'lab',
      tags: [],
      transport: { ...transport, ca: { kind: 'path' as const, path: lab.tls.rogue.caPath } },
    };
    expect(await service.invoke('hosts:test', { draft: wrong })).toMatchObject({ ok: false, error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } });
    expect(await service.invoke('hosts:test', { draft: { ...wrong, transport } })).toMatchObject({ ok: true });
  });

  it('every https agent Berth opened here verified certificates against a CA', () => {
    expect(agentOptions.length).toBeGreaterThan(3);
    for (const options of agentOptions) {
      expect(options.rejectUnauthorized).toBe(true);
      expect(options.ca).toBeTruthy();
    }
  });
});
