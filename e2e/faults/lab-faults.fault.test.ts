import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import type { HostStatus } from '../../shared/snapshot.js';
import { ConnectionManager } from '../../main/core/connection-manager.js';
import { KnownHosts } from '../../main/core/ssh/known-hosts.js';
import { type LabManifest, labCtlAsync } from '../lab/manifest.js';
import { labKnownHosts, labProfile, requireLab } from '../support/lab-hosts.js';
import { faultReport, recordFault } from './fault-ledger.js';
import { FaultProxy } from './fault-proxy.js';

// Short deadlines so faults are noticed in seconds; production defaults are 10 s / 15 s.
const sessionOptions = { timeoutMs: 2_000, heartbeatMs: 1_000, backoff: { initialMs: 250, maxMs: 4_000, random: Math.random } };

let lab: LabManifest;
let unhandled = 0;
const onUnhandled = () => {
  unhandled += 1;
};
let resourcesBefore: Record<string, number>;

function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

beforeAll(() => {
  lab = requireLab();
  process.on('unhandledRejection', onUnhandled);
  resourcesBefore = activeResources();
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  console.log(faultReport());
});

interface FaultRun {
  hosts: ConnectionManager;
  subject: HostProfile;
  states: HostStatus['state'][];
}

/**
 * Runs one fault: a subject host and a bystander (the vfs daemon) connect; `inject` breaks the
 * subject, `heal` ends the fault. The subject must show it is reconnecting, come back to ready by
 * itself with a freshly read snapshot, and the bystander must never leave ready.
 */
async function survive(
  fault: string,
  subject: HostProfile,
  inject: (run: FaultRun) => Promise<void> | void,
  heal: (run: FaultRun) => Promise<void> | void,
  knownHosts: KnownHosts = labKnownHosts(lab),
): Promise<void> {
  const hosts = new ConnectionManager({ knownHosts, ...sessionOptions });
  const bystander = labProfile(lab, 'vfs');
  const states: HostStatus['state'][] = [];
  const bystanderStates: HostStatus['state'][] = [];
  hosts.subscribe((event) => {
    if (event.type !== 'status') return;
    if (event.hostId === subject.id) states.push(event.status.state);
    if (event.hostId === bystander.id) bystanderStates.push(event.status.state);
  });
  let recovered = false;
  try {
    await hosts.upsertHost(bystander);
    await hosts.upsertHost(subject);
    await hosts.waitFor(bystander.id, ['ready'], 30_000);
    await hosts.waitFor(subject.id, ['ready'], 30_000);
    const readBefore = hosts.snapshot(subject.id)!.updatedAt;
    const run = { hosts, subject, states };
    await inject(run);
    await expect.poll(() => states.includes('reconnecting'), { timeout: 30_000 }).toBe(true);
    await heal(run);
    await hosts.waitFor(subject.id, ['ready'], 90_000);
    expect(hosts.snapshot(subject.id)!.updatedAt).toBeGreaterThan(readBefore);
    expect(bystanderStates.filter((state) => state !== 'ready')).toEqual(['connecting']);
    recovered = true;
  } finally {
    recordFault(fault, recovered);
    await hosts.dispose();
  }
}

function pidOf(pidfile: string): number {
  return Number(readFileSync(pidfile, 'utf8').trim());
}

/** A copy of the lab's known_hosts that also vouches for the lab sshd behind a proxy port. */
function knownHostsThroughProxy(port: number): KnownHosts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-faults-'));
  const line = readFileSync(lab.ssh.knownHostsPath, 'utf8').trim().split('\n')[0]!;
  const [, keyType, key] = line.split(/\s+/);
  writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${keyType} ${key}\n`);
  return new KnownHosts({ file: path.join(dir, 'known_hosts') });
}

describe('Berth survives faults in the lab', () => {
  it('a daemon killed (SIGKILL) and started again', async () => {
    await survive(
      'daemon killed and restarted',
      labProfile(lab, 'tcp'),
      () => void process.kill(pidOf(lab.daemons.tcp.pidfile), 'SIGKILL'),
      // Never spawnSync while hosts are live: a blocked event loop makes the bystander's deadlines fire.
      () => labCtlAsync('start', 'tcp'),
    );
  });

  it('a daemon frozen (SIGSTOP) then resumed', async () => {
    const pid = pidOf(lab.daemons.tcp.pidfile);
    try {
      await survive(
        'daemon frozen then resumed',
        labProfile(lab, 'tcp'),
        () => void process.kill(pid, 'SIGSTOP'),
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          process.kill(pid, 'SIGCONT');
        },
      );
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('sshd restarted under an open SSH session', async () => {
    await survive(
      'sshd restarted',
      labProfile(lab, 'ssh'),
      () => labCtlAsync('restart', 'sshd'),
      () => undefined,
    );
  });

  it('an SSH connection cut mid-stream', async () => {
    const proxy = await new FaultProxy(lab.ssh.host, lab.ssh.port).start();
    const base = labProfile(lab, 'ssh');
    if (base.transport.type !== 'ssh') throw new Error('the lab ssh daemon has no ssh transport');
    const subject: HostProfile = { ...base, transport: { ...base.transport, port: proxy.port } };
    try {
      await survive(
        'SSH connection cut',
        subject,
        () => proxy.cutAll(),
        () => undefined,
        knownHostsThroughProxy(proxy.port),
      );
      await expect.poll(() => proxy.openConnections(), { timeout: 5_000 }).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('a TLS daemon restarted with a new server certificate from the same CA', async () => {
    const pki = path.join(lab.labDir, 'pki');
    const work = mkdtempSync(path.join(os.tmpdir(), 'berth-faults-pki-'));
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: work, stdio: 'pipe' });
    writeFileSync(
      path.join(work, 'ext.cnf'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n',
    );
    openssl(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'server-key.pem',
      '-subj',
      '/CN=berth-lab-tls-renewed',
      '-out',
      'server.csr',
    );
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      path.join(pki, 'ca.pem'),
      '-CAkey',
      path.join(pki, 'ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '30',
      '-sha256',
      '-extfile',
      'ext.cnf',
      '-out',
      'server-cert.pem',
    );
    const fingerprint = () =>
      execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', path.join(pki, 'server-cert.pem')], {
        encoding: 'utf8',
      });
    const before = fingerprint();
    for (const file of ['server-cert.pem', 'server-key.pem']) copyFileSync(path.join(pki, file), path.join(work, `lab-${file}`));
    try {
      await survive(
        'TLS daemon restarted with a new server certificate',
        labProfile(lab, 'tls'),
        () => {
          copyFileSync(path.join(work, 'server-cert.pem'), path.join(pki, 'server-cert.pem'));
          copyFileSync(path.join(work, 'server-key.pem'), path.join(pki, 'server-key.pem'));
          return labCtlAsync('restart', 'tls');
        },
        () => undefined,
      );
      expect(fingerprint()).not.toBe(before);
    } finally {
      // Give the lab its own certificate back, so later tests see the lab as up.sh made it.
      for (const file of ['server-cert.pem', 'server-key.pem']) copyFileSync(path.join(work, `lab-${file}`), path.join(pki, file));
      await labCtlAsync('restart', 'tls');
    }
  });

  it('the machine sleeping: every connection stalled for a minute', async () => {
    const proxy = await new FaultProxy('127.0.0.1', 23750).start();
    const subject: HostProfile = {
      ...labProfile(lab, 'tcp'),
      id: 'sleepy',
      transport: { type: 'tcp', host: '127.0.0.1', port: proxy.port },
    };
    try {
      await survive(
        'every connection stalled for a minute',
        subject,
        () => proxy.setMode('stall'),
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 60_000));
          proxy.setMode('pass');
        },
      );
    } finally {
      await proxy.close();
    }
  });

  it('a host that flaps every few seconds', async () => {
    const proxy = await new FaultProxy('127.0.0.1', 23751).start();
    const subject: HostProfile = {
      ...labProfile(lab, 'btrfs'),
      id: 'flappy',
      transport: { type: 'tcp', host: '127.0.0.1', port: proxy.port },
    };
    try {
      await survive(
        'host flapping every few seconds',
        subject,
        () => {
          proxy.setMode('refuse');
          proxy.cutAll();
        },
        async () => {
          for (let flap = 0; flap < 6; flap += 1) {
            proxy.setMode(flap % 2 === 0 ? 'pass' : 'refuse');
            if (flap % 2 === 1) proxy.cutAll();
            await new Promise((resolve) => setTimeout(resolve, 3_000));
          }
          proxy.setMode('pass');
        },
      );
    } finally {
      await proxy.close();
    }
  });

  it('leaves no sockets, timers or listeners behind and no unhandled rejection', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = activeResources();
    for (const [kind, count] of Object.entries(after)) expect(count, kind).toBeLessThanOrEqual(resourcesBefore[kind] ?? 0);
    expect(unhandled).toBe(0);
    expect(process.listenerCount('unhandledRejection')).toBeLessThanOrEqual(2);
  });
});
