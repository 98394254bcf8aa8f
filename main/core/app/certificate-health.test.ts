import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportOf } from '../../../shared/profile.js';
import { type CertificateSet, generateCertificateSet } from '../tls/generate-certificate-set.js';
import { parseSan } from '../tls/san.js';
import { checkTlsCertificates, readServerCertificate } from './certificate-health.js';
import { TempDirs } from '../../../test-support/service-fakes.js';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const DAY = 86_400_000;
const now = new Date('2030-06-01T12:00:00Z');

async function setValid(daysBefore: number, validityDays: number, sans = ['IP:203.0.113.5']): Promise<CertificateSet> {
  return generateCertificateSet({
    sans: sans.map((san) => parseSan(san)),
    includeLoopback: false,
    keyType: 'ec-p256',
    validityDays,
    now: new Date(now.getTime() - daysBefore * DAY),
  });
}

function transport(set: CertificateSet, overrides: Partial<TransportOf<'tls'>> = {}): TransportOf<'tls'> {
  return {
    type: 'tls',
    host: '203.0.113.5',
    port: 2376,
    ca: { kind: 'pem', pem: set.caCert },
    cert: { kind: 'pem', pem: set.clientCert },
    key: { kind: 'pem', pem: set.clientKey },
    ...overrides,
  };
}

const presenting = (pem: string) => ({ now, readServerCertificate: async () => pem });

describe('checkTlsCertificates', () => {
  it('is ok with plenty of time left and every purpose and name right', async () => {
    const set = await setValid(1, 365);
    const health = await checkTlsCertificates(transport(set), presenting(set.serverCert));
    expect(health).toEqual({
      checkedAt: now.getTime(),
      worst: 'ok',
      entries: [
        { role: 'ca', subject: 'CN=Berth CA for 203.0.113.5', notAfter: expect.any(String), daysLeft: 364, level: 'ok', problems: [] },
        { role: 'client', subject: 'CN=client', notAfter: expect.any(String), daysLeft: 364, level: 'ok', problems: [] },
        {
          role: 'server',
          subject: 'CN=203.0.113.5',
          notAfter: expect.any(String),
          daysLeft: 364,
          level: 'ok',
          problems: [],
          names: ['IP:203.0.113.5'],
        },
      ],
    });
  });

  it('counts a certificate as the wizard made it: 365 days left on the day it was made for 365 days', async () => {
    // Made at this very moment: a count of whole 24-hour periods said 364 here.
    const set = await setValid(0, 365);
    const health = await checkTlsCertificates(transport(set), { ...presenting(set.serverCert), now: new Date(now.getTime() + 60_000) });
    expect(health.entries.map((entry) => [entry.role, entry.daysLeft])).toEqual([
      ['ca', 365],
      ['client', 365],
      ['server', 365],
    ]);
  });

  it.each([
    [100, 120, 'warning', 20],
    [100, 105, 'critical', 5],
    [100, 90, 'expired', -10],
  ] as const)('issued %i days ago for %i days: %s', async (ago, validity, level, daysLeft) => {
    const set = await setValid(ago, validity);
    const health = await checkTlsCertificates(transport(set), presenting(set.serverCert));
    expect(health.worst).toBe(level);
    expect(health.entries.map((entry) => [entry.role, entry.level, entry.daysLeft])).toEqual([
      ['ca', level, daysLeft],
      ['client', level, daysLeft],
      ['server', level, daysLeft],
    ]);
    if (level === 'expired') expect(health.entries[0]?.problems).toEqual([expect.stringMatching(/^expired on 2030-05-2/)]);
  });

  it('flags a server certificate that does not name the address, and a client certificate without clientAuth', async () => {
    const set = await setValid(1, 365, ['DNS:elsewhere.example']);
    const health = await checkTlsCertificates(
      transport(set, { cert: { kind: 'pem', pem: set.serverCert }, key: { kind: 'pem', pem: set.serverKey } }),
      presenting(set.serverCert),
    );
    expect(health.worst).toBe('critical');
    const [, client, server] = health.entries;
    expect(client?.problems).toEqual([expect.stringContaining('lacks clientAuth')]);
    expect(server?.problems).toEqual([expect.stringContaining('(DNS:elsewhere.example) do not include 203.0.113.5')]);
    // With serverName set to a name it holds, the SAN is fine.
    const named = await checkTlsCertificates(transport(set, { serverName: 'elsewhere.example' }), presenting(set.serverCert));
    expect(named.entries[2]?.problems).toEqual([]);
  });

  it('flags certificates another CA issued', async () => {
    const [one, other] = await Promise.all([setValid(1, 365), setValid(1, 365)]);
    const health = await checkTlsCertificates(transport(one, { ca: { kind: 'pem', pem: other.caCert } }), presenting(one.serverCert));
    expect(health.entries.find((entry) => entry.role === 'client')?.problems).toEqual([expect.stringContaining('not issued by this CA')]);
    expect(health.entries.find((entry) => entry.role === 'server')?.problems).toEqual([expect.stringContaining('not issued by this CA')]);
  });

  it('notes what it cannot read, and never throws', async () => {
    const set = await setValid(1, 365);
    const dir = temp.make();
    writeFileSync(path.join(dir, 'ca.pem'), set.caCert);
    const health = await checkTlsCertificates(
      transport(set, { ca: { kind: 'path', path: path.join(dir, 'ca.pem') }, cert: { kind: 'path', path: path.join(dir, 'missing.pem') } }),
      { now },
    );
    expect(health.entries.map((entry) => entry.role)).toEqual(['ca']);
    expect(health.notes).toEqual([expect.stringContaining('missing.pem')]);
    expect(health.worst).toBe('warning');
    const refused = await checkTlsCertificates(transport(set), {
      now,
      readServerCertificate: async () => Promise.reject(new Error('handshake refused')),
    });
    expect(refused.notes).toEqual([expect.stringContaining('handshake refused')]);
  });
});

describe('readServerCertificate', () => {
  const servers: tls.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('reads the certificate a TLS server presents, even an expired one', async () => {
    const live = await generateCertificateSet({ sans: [parseSan('IP:127.0.0.1')], keyType: 'ec-p256', validityDays: 10 });
    const expired = await generateCertificateSet({
      sans: [parseSan('IP:127.0.0.1')],
      keyType: 'ec-p256',
      validityDays: 1,
      now: new Date(Date.now() - 30 * DAY),
    });
    const server = tls.createServer({ cert: expired.serverCert, key: expired.serverKey, ca: expired.caCert, requestCert: true }, (socket) =>
      socket.end(),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const pem = await readServerCertificate({
      host: '127.0.0.1',
      port,
      ca: live.caCert,
      cert: live.clientCert,
      key: live.clientKey,
      timeoutMs: 5_000,
    });
    expect(pem.replace(/\s/g, '')).toBe(expired.serverCert.replace(/\s/g, ''));
    const health = await checkTlsCertificates(
      {
        type: 'tls',
        host: '127.0.0.1',
        port,
        ca: { kind: 'pem', pem: expired.caCert },
        cert: { kind: 'pem', pem: expired.clientCert },
        key: { kind: 'pem', pem: expired.clientKey },
      },
      { timeoutMs: 5_000 },
    );
    expect(health.worst).toBe('expired');
    expect(health.entries.find((entry) => entry.role === 'server')?.level).toBe('expired');
  });

  it('says so when nothing listens', async () => {
    const set = await generateCertificateSet({ sans: [parseSan('IP:127.0.0.1')], keyType: 'ec-p256', validityDays: 10 });
    const server = tls.createServer({});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await expect(
      readServerCertificate({ host: '127.0.0.1', port, ca: set.caCert, cert: set.clientCert, key: set.clientKey, timeoutMs: 2_000 }),
    ).rejects.toMatchObject({ code: 'TLS_HANDSHAKE_FAILED' });
  });
});
