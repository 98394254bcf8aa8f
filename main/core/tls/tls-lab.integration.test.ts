// Generated certificate sets against a real dockerd (Go's TLS) that this file starts itself on
// loopback: the files Berth writes must work for dockerd, Node, the docker CLI and curl.
// Needs dockerd (apt-get install docker.io) and root; fails, never skips, without them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { type PeerCertificate, checkServerIdentity } from 'node:tls';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../../shared/profile.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { openDockerConnection } from '../transports/docker-connection.js';
import { writeCertificateSet } from './certificate-set-writer.js';
import { clientConfiguration } from './docker-configuration.js';
import { type CertificateSet, generateCertificateSet } from './generate-certificate-set.js';
import type { KeyType } from './key-generation.js';
import { type San, parseSan } from './san.js';
import { makeTempDir } from '../../../test-support/tls-files.js';

interface TlsDaemon {
  port: number;
  certDir: string;
  set: CertificateSet;
  /** A name its server certificate holds, to check it under when it lacks 127.0.0.1. */
  serverName: string | undefined;
  process: ChildProcess;
  logFile: string;
}

const temp = makeTempDir('berth-tls-lab-');
const daemons: TlsDaemon[] = [];
let standard: TlsDaemon; // EC P-256, default SANs (loopback included)
let noLoopback: TlsDaemon; // RSA 2048, SANs without 127.0.0.1 / localhost
let foreign: CertificateSet; // another CA altogether

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startTlsDaemon(name: string, keyType: KeyType, sans: San[], includeLoopback: boolean): Promise<TlsDaemon> {
  const root = path.join(temp.dir, name);
  const certDir = path.join(root, 'certs');
  const set = await generateCertificateSet({ sans, includeLoopback, keyType, validityDays: 30 });
  await writeCertificateSet(certDir, set, { overwrite: false });
  const port = await freePort();
  const configFile = path.join(root, 'daemon.json');
  writeFileSync(configFile, '{}\n');
  const logFile = path.join(root, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const namespace = `berth-tls-test-${name}-${process.pid}`;
  const child = spawn(
    'dockerd',
    [
      '--config-file',
      configFile,
      '--data-root',
      path.join(root, 'data'),
      '--exec-root',
      path.join(root, 'x'),
      '--pidfile',
      path.join(root, 'dockerd.pid'),
      '--storage-driver',
      'vfs',
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-masq=false',
      '--ip-forward=false',
      '--userland-proxy=false',
      '--containerd-namespace',
      namespace,
      '--containerd-plugins-namespace',
      `${namespace}-plugins`,
      '--shutdown-timeout',
      '5',
      '--tlsverify',
      '--tlscacert',
      path.join(certDir, 'ca.pem'),
      '--tlscert',
      path.join(certDir, 'server-cert.pem'),
      '--tlskey',
      path.join(certDir, 'server-key.pem'),
      '-H',
      `tcp://127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const daemon: TlsDaemon = { port, certDir, set, serverName: includeLoopback ? undefined : sans[0]!.value, process: child, logFile };
  daemons.push(daemon);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start dockerd (is docker.io installed?): ${error.message}`))),
  );
  await Promise.race([waitForPing(daemon), spawnError]);
  return daemon;
}

async function waitForPing(daemon: TlsDaemon): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last: unknown;
  while (Date.now() < deadline) {
    if (daemon.process.exitCode !== null) {
      throw new Error(`dockerd exited with ${daemon.process.exitCode}:\n${readFileSync(daemon.logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const response = await get(daemon, '/_ping', { servername: daemon.serverName });
      if (response.status === 200) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `dockerd on port ${daemon.port} did not answer within 60 s (${String(last)}):\n${readFileSync(daemon.logFile, 'utf8').slice(-3000)}`,
  );
}

function get(
  daemon: TlsDaemon,
  urlPath: string,
  options: { servername?: string | undefined; set?: CertificateSet } = {},
): Promise<{ status: number; body: string }> {
  const client = options.set ?? daemon.set;
  const servername = options.servername;
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: daemon.port,
        path: urlPath,
        ca: daemon.set.caCert,
        cert: client.clientCert,
        key: client.clientKey,
        agent: false,
        timeout: 5000,
        ...(servername
          ? { servername, checkServerIdentity: (_host: string, peer: PeerCertificate) => checkServerIdentity(servername, peer) }
          : {}),
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end();
  });
}

async function stopDaemon(daemon: TlsDaemon): Promise<void> {
  const child = daemon.process;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function tlsTransport(daemon: TlsDaemon, client: CertificateSet, serverName?: string): Transport {
  return {
    type: 'tls',
    host: '127.0.0.1',
    port: daemon.port,
    ca: { kind: 'pem', pem: daemon.set.caCert },
    cert: { kind: 'pem', pem: client.clientCert },
    key: { kind: 'pem', pem: client.clientKey },
    ...(serverName ? { serverName } : {}),
  };
}

async function versionOver(transport: Transport): Promise<unknown> {
  const connection = await openDockerConnection(transport, {
    timeoutMs: 10_000,
    knownHosts: new KnownHosts({ file: path.join(temp.dir, 'known_hosts') }),
  });
  try {
    return await connection.api.get('/version');
  } finally {
    await connection.close();
  }
}

async function setUpLab(): Promise<void> {
  const which = spawnSync('dockerd', ['--version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) {
    throw new Error('dockerd is not installed: `apt-get install docker.io` (the TLS lab test needs a real daemon)');
  }
  foreign = await generateCertificateSet({ sans: [parseSan('127.0.0.1')], keyType: 'ec-p256', validityDays: 30 });
  [standard, noLoopback] = await Promise.all([
    startTlsDaemon('ec', 'ec-p256', [parseSan('IP:203.0.113.5'), parseSan('DNS:docker.example.com')], true),
    startTlsDaemon('rsa', 'rsa-2048', [parseSan('DNS:docker.example.com'), parseSan('IP:203.0.113.5')], false),
  ]);
}

// A failed setup must fail every test (counted as failures), never leave them skipped.
let labReady: Promise<void>;
beforeAll(async () => {
  labReady = setUpLab();
  await labReady.catch(() => undefined);
});

afterAll(async () => {
  await Promise.all(daemons.map(stopDaemon));
  temp.remove();
});

describe('a generated set against a real dockerd --tlsverify', () => {
  it('lets Node https in with the generated client certificate', async () => {
    await labReady;
    const response = await get(standard, '/version');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toHaveProperty('ApiVersion');
  });

  it("lets Berth's own connection in and reads /version", async () => {
    await labReady;
    expect(await versionOver(tlsTransport(standard, standard.set))).toHaveProperty('ApiVersion');
  });

  it('works with the docker CLI and curl commands Berth prints', async () => {
    await labReady;
    const client = clientConfiguration({ certDir: standard.certDir, host: '127.0.0.1', port: standard.port });
    const docker = spawnSync('bash', ['-c', `${client.dockerCommand.replace(/ version$/, ' version --format {{.Server.APIVersion}}')}`], {
      encoding: 'utf8',
    });
    expect(docker.stderr).toBe('');
    expect(docker.stdout.trim()).toMatch(/^1\.\d+$/);
    const fromEnvironment = spawnSync('bash', ['-c', `${client.environment} && docker version --format '{{.Server.APIVersion}}'`], {
      encoding: 'utf8',
    });
    expect(fromEnvironment.stdout.trim(), fromEnvironment.stderr).toMatch(/^1\.\d+$/);
    const curl = spawnSync('bash', ['-c', `${client.curlCommand} --silent --show-error --max-time 10`], { encoding: 'utf8' });
    expect(curl.stderr).toBe('');
    expect(JSON.parse(curl.stdout)).toHaveProperty('ApiVersion');
  });

  it('refuses a client certificate from another CA: TLS_CLIENT_CERT_REJECTED', async () => {
    await labReady;
    await expect(versionOver(tlsTransport(standard, foreign))).rejects.toMatchObject({ code: 'TLS_CLIENT_CERT_REJECTED' });
    await expect(get(standard, '/version', { set: foreign })).rejects.toThrow();
  });

  it('fails with TLS_HOSTNAME_MISMATCH when the server certificate lacks 127.0.0.1, and works under a name it has', async () => {
    await labReady;
    await expect(versionOver(tlsTransport(noLoopback, noLoopback.set))).rejects.toMatchObject({ code: 'TLS_HOSTNAME_MISMATCH' });
    // The same RSA set is fine for dockerd and for Berth once the name matches a SAN.
    expect(await versionOver(tlsTransport(noLoopback, noLoopback.set, 'docker.example.com'))).toHaveProperty('ApiVersion');
  });
});
