import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateSet, generateCertificateSet } from '../generate-certificate-set.js';
import { parseSan } from '../san.js';
import { verifyTlsHost } from './verify-tls-host.js';

// A stand-in for dockerd --tlsverify on loopback: it demands a client certificate from its CA.
let set: CertificateSet;
let foreign: CertificateSet;
let server: https.Server;
let port: number;

beforeAll(async () => {
  [set, foreign] = await Promise.all([
    generateCertificateSet({ sans: [parseSan('DNS:docker.example')], keyType: 'ec-p256', validityDays: 10 }),
    generateCertificateSet({ sans: [parseSan('DNS:docker.example')], keyType: 'ec-p256', validityDays: 10 }),
  ]);
  server = https.createServer(
    { ca: set.caCert, cert: set.serverCert, key: set.serverKey, requestCert: true, rejectUnauthorized: true },
    (request, response) => {
      if (request.url !== '/version') {
        response.writeHead(404).end('page not found');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ Version: '20.10.24+dfsg1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('verifyTlsHost', () => {
  it('reads /version and the certificate the server presented', async () => {
    const result = await verifyTlsHost({ host: '127.0.0.1', port, ca: set.caCert, cert: set.clientCert, key: set.clientKey });
    expect(result).toMatchObject({ serverVersion: '20.10.24+dfsg1', apiVersion: '1.41', os: 'linux', arch: 'amd64' });
    expect(result.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.serverCertificate.sans).toEqual(
      expect.arrayContaining([
        { type: 'dns', value: 'docker.example' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
    );
    expect(result.serverCertificate.subject).toBe('CN=docker.example');
    expect(Date.parse(result.serverCertificate.notAfter)).toBeGreaterThan(Date.now());
  });

  it('checks the certificate under a server name when given one', async () => {
    const result = await verifyTlsHost({
      host: '127.0.0.1',
      port,
      serverName: 'docker.example',
      ca: set.caCert,
      cert: set.clientCert,
      key: set.clientKey,
    });
    expect(result.apiVersion).toBe('1.41');
    await expect(
      verifyTlsHost({ host: '127.0.0.1', port, serverName: 'other.example', ca: set.caCert, cert: set.clientCert, key: set.clientKey }),
    ).rejects.toMatchObject({ code: 'TLS_HOSTNAME_MISMATCH' });
  });

  it('refuses a server certificate from another CA', async () => {
    await expect(
      verifyTlsHost({ host: '127.0.0.1', port, ca: foreign.caCert, cert: set.clientCert, key: set.clientKey }),
    ).rejects.toMatchObject({
      code: 'TLS_UNTRUSTED_CERTIFICATE',
    });
  });

  it('reports a client certificate the server does not trust', async () => {
    await expect(
      verifyTlsHost({ host: '127.0.0.1', port, ca: set.caCert, cert: foreign.clientCert, key: foreign.clientKey }),
    ).rejects.toMatchObject({
      code: 'TLS_CLIENT_CERT_REJECTED',
    });
  });

  it('says so when nothing listens', async () => {
    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      verifyTlsHost({ host: '127.0.0.1', port: freePort, ca: set.caCert, cert: set.clientCert, key: set.clientKey }),
    ).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED',
    });
  });

  it('refuses text that is not PEM before connecting', async () => {
    await expect(verifyTlsHost({ host: '127.0.0.1', port, ca: 'not pem', cert: set.clientCert, key: set.clientKey })).rejects.toMatchObject(
      {
        code: 'TLS_INVALID_PEM',
      },
    );
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      verifyTlsHost({ host: '127.0.0.1', port, ca: set.caCert, cert: set.clientCert, key: set.clientKey, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'TLS_INSTALL_CANCELLED' });
  });
});
