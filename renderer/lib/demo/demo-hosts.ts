import type { HostCertificates } from '../../../shared/certificate-health';
import type { RedactedProfile, SecretRole } from '../../../shared/host-view';
import type { DaemonSummary, DiskUsage, HostSnapshot, HostStatus, StorageReading } from '../../../shared/snapshot';
import { countContainers } from '../../../shared/docker/containers';
import { makeContainers } from './demo-containers';
import { btrfsLabStorage, labContainers, labDiskUsage, labSummary, loopLvmFullStorage, overlay2LabStorage } from './fixture-readings';

/**
 * The demo's "local" daemon: an obviously made-up socket, so the demo never looks as if it were
 * connected to this machine's real /var/run/docker.sock.
 */
export const DEMO_LOCAL_SOCKET = '/demo/sample-local/docker.sock';

/**
 * The demo fleet: a few hosts that show every state the UI must handle. Storage readings come
 * from the real parsers run on daemon fixtures (fixture-readings.ts); the rest is made up.
 */
export interface DemoHost {
  profile: RedactedProfile;
  status: HostStatus;
  snapshot: HostSnapshot | null;
  certificates?: HostCertificates;
  /** Saved secrets the store lost (status SECRET_MISSING). */
  missingSecrets?: SecretRole[];
}

const GB = 1_000_000_000;
const GIB = 1024 ** 3;

function summary(overrides: Partial<DaemonSummary>): DaemonSummary {
  return {
    ...labSummary,
    serverVersion: '24.0.7',
    apiVersion: '1.43',
    minApiVersion: '1.12',
    os: 'Ubuntu 22.04.4 LTS',
    kernelVersion: '5.15.0-105-generic',
    architecture: 'x86_64',
    cpus: 16,
    memoryBytes: 64 * GIB,
    dockerRootDir: '/var/lib/docker',
    loggingDriver: 'json-file',
    cgroupDriver: 'systemd',
    cgroupVersion: '2',
    securityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    insecureRegistries: ['127.0.0.0/8'],
    registryMirrors: [],
    daemonWarnings: [],
    ...overrides,
  };
}

function diskUsage(images: number, imagesGb: number, containersGb: number, volumesGb: number, cacheGb: number): DiskUsage {
  return {
    images: { count: images, active: Math.ceil(images * 0.6), sizeBytes: imagesGb * GB, reclaimableBytes: imagesGb * 0.35 * GB },
    containers: { count: 0, active: 0, sizeBytes: containersGb * GB, reclaimableBytes: containersGb * 0.1 * GB },
    volumes: { count: 14, active: 11, sizeBytes: volumesGb * GB, reclaimableBytes: volumesGb * 0.05 * GB },
    buildCache: { count: 220, active: 0, sizeBytes: cacheGb * GB, reclaimableBytes: cacheGb * GB },
    shape: 'legacy',
  };
}

function snapshot(
  hostId: string,
  now: number,
  parts: { summary: DaemonSummary; storage: StorageReading; diskUsage: DiskUsage | null; containerCount: number; seed: number },
): HostSnapshot {
  const containers = makeContainers(parts.containerCount, parts.seed, now);
  const counts = countContainers(containers);
  const usage = parts.diskUsage
    ? { ...parts.diskUsage, containers: { ...parts.diskUsage.containers, count: counts.total, active: counts.running + counts.paused } }
    : null;
  return { hostId, summary: parts.summary, storage: parts.storage, diskUsage: usage, containers, counts, updatedAt: now };
}

const overlay2: StorageReading = overlay2LabStorage;

export const HOST_KEY_UNKNOWN = {
  host: 'edge-gw-01.example.net',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:4Jx8kq0bQmV3z2bN1cYHfUe7pT9sWgL5rA6dKiO0nZs',
  changed: false,
};

export function demoHosts(now: number): DemoHost[] {
  return [
    {
      profile: {
        id: 'prod-api-01',
        name: 'prod-api-01',
        color: '#3e63dd',
        tags: ['production', 'eu-west'],
        transport: {
          type: 'tls',
          host: '10.20.0.11',
          port: 2376,
          ca: { kind: 'path', path: '/etc/berth/certs/prod/ca.pem' },
          cert: { kind: 'path', path: '/etc/berth/certs/prod/cert.pem' },
          key: { kind: 'stored' },
        },
      },
      status: { state: 'ready', since: now - 5 * 3600_000 },
      certificates: prodCertificates(now),
      snapshot: snapshot('prod-api-01', now, {
        summary: summary({ name: 'prod-api-01' }),
        storage: overlay2,
        diskUsage: diskUsage(42, 18.4, 2.1, 36.2, 4.8),
        containerCount: 64,
        seed: 11,
      }),
    },
    {
      profile: {
        id: 'prod-api-02',
        name: 'prod-api-02',
        color: '#3e63dd',
        tags: ['production', 'eu-west'],
        transport: {
          type: 'ssh',
          host: '10.20.0.12',
          port: 22,
          user: 'deploy',
          auth: { method: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true },
          remoteSocket: '/var/run/docker.sock',
        },
      },
      status: { state: 'ready', since: now - 5 * 3600_000 },
      snapshot: snapshot('prod-api-02', now, {
        summary: summary({ name: 'prod-api-02' }),
        storage: overlay2,
        diskUsage: diskUsage(39, 17.9, 1.8, 35.4, 3.2),
        containerCount: 58,
        seed: 12,
      }),
    },
    {
      profile: {
        id: 'legacy-build',
        name: 'legacy-build',
        color: '#f76b15',
        tags: ['build', 'legacy'],
        transport: { type: 'tcp', host: '10.30.0.7', port: 2375 },
      },
      status: { state: 'ready', since: now - 26 * 3600_000 },
      snapshot: snapshot('legacy-build', now, {
        summary: summary({
          name: 'legacy-build',
          serverVersion: '1.12.1',
          apiVersion: '1.24',
          minApiVersion: '1.12',
          os: 'CentOS Linux 7 (Core)',
          kernelVersion: '3.10.0-327.28.3.el7.x86_64',
          cpus: 8,
          memoryBytes: 31.26 * GIB,
          cgroupDriver: 'cgroupfs',
          cgroupVersion: '1',
          securityOptions: ['seccomp'],
          insecureRegistries: ['127.0.0.0/8', 'registry.build.internal:5000'],
          daemonWarnings: ['WARNING: bridge-nf-call-ip6tables is disabled'],
        }),
        storage: loopLvmFullStorage,
        // /system/df arrived with API 1.25: this engine cannot answer it.
        diskUsage: null,
        containerCount: 23,
        seed: 13,
      }),
    },
    {
      profile: {
        id: 'staging-db',
        name: 'staging-db',
        color: '#30a46c',
        tags: ['staging'],
        transport: {
          type: 'tls',
          host: '10.40.0.9',
          port: 2376,
          ca: { kind: 'path', path: '/etc/berth/certs/staging/ca.pem' },
          cert: { kind: 'path', path: '/etc/berth/certs/staging/cert.pem' },
          key: { kind: 'path', path: '/etc/berth/certs/staging/key.pem' },
        },
      },
      status: {
        state: 'reconnecting',
        attempt: 3,
        nextAttemptAt: now + 12_000,
        lastError: {
          code: 'CONNECTION_REFUSED',
          message: '10.40.0.9:2376 refused the connection. Is dockerd running and listening on that address (-H tcp://0.0.0.0:2376)?',
        },
      },
      snapshot: snapshot('staging-db', now - 3 * 60_000 - 12_000, {
        summary: summary({ name: 'staging-db', cpus: 4, memoryBytes: 15.6 * GIB }),
        storage: overlay2,
        diskUsage: diskUsage(12, 6.2, 0.4, 84.5, 0.9),
        containerCount: 12,
        seed: 14,
      }),
    },
    {
      profile: {
        id: 'edge-gw-01',
        name: 'edge-gw-01',
        color: '#8e4ec6',
        tags: ['edge'],
        transport: {
          type: 'ssh',
          host: 'edge-gw-01.example.net',
          port: 22,
          user: 'ops',
          auth: { method: 'agent' },
          remoteSocket: '/var/run/docker.sock',
        },
      },
      status: { state: 'needs-host-key-confirmation', hostKey: HOST_KEY_UNKNOWN },
      snapshot: null,
    },
    {
      profile: {
        id: 'edge-gw-02',
        name: 'edge-gw-02',
        color: '#8e4ec6',
        tags: ['edge'],
        transport: {
          type: 'ssh',
          host: 'edge-gw-02.example.net',
          port: 22,
          user: 'ops',
          auth: { method: 'agent' },
          remoteSocket: '/var/run/docker.sock',
        },
      },
      status: {
        state: 'failed',
        error: {
          code: 'SSH_HOST_KEY_CHANGED',
          message:
            'WARNING: the host key of edge-gw-02.example.net:22 has changed. It now presents ssh-ed25519 SHA256:Zt0u2X9bGk1Qp7YwVd4hN8cRj3LmA5sE6fT1oUiPqWe, but ssh-ed25519 SHA256:m3Kp9Lx2Vb7Qn4Wc8Rt1Ys6Ud0Fg5Hj2Ak9Ze3Xc7Bv is on record (line 4 of ~/.config/berth/known_hosts). Someone may be intercepting the connection (a man-in-the-middle attack), or the server was reinstalled. Berth did not connect. Only if you know the change is expected, forget the old key in Berth (or remove line 4 of ~/.config/berth/known_hosts) and connect again to review the new key.',
        },
        hostKey: {
          host: 'edge-gw-02.example.net',
          port: 22,
          keyType: 'ssh-ed25519',
          fingerprint: 'SHA256:Zt0u2X9bGk1Qp7YwVd4hN8cRj3LmA5sE6fT1oUiPqWe',
          changed: true,
          knownFingerprint: 'SHA256:m3Kp9Lx2Vb7Qn4Wc8Rt1Ys6Ud0Fg5Hj2Ak9Ze3Xc7Bv',
          knownKeyType: 'ssh-ed25519',
        },
      },
      snapshot: snapshot('edge-gw-02', now - 2 * 86_400_000, {
        summary: summary({
          name: 'edge-gw-02',
          cpus: 2,
          memoryBytes: 3.8 * GIB,
          architecture: 'aarch64',
          kernelVersion: '6.1.0-18-arm64',
          os: 'Debian GNU/Linux 12 (bookworm)',
        }),
        storage: overlay2,
        diskUsage: diskUsage(6, 1.2, 0.1, 0.3, 0),
        containerCount: 5,
        seed: 15,
      }),
    },
    {
      profile: {
        id: 'ci-runners',
        name: 'ci-runners',
        color: '#12a594',
        tags: ['ci'],
        transport: {
          type: 'ssh',
          host: 'ci-runners.internal',
          port: 22,
          user: 'ci',
          auth: { method: 'agent' },
          remoteSocket: '/run/docker.sock',
          jumpHosts: [{ host: 'bastion.example.net', port: 22, user: 'ops', auth: { method: 'agent' } }],
        },
      },
      status: { state: 'ready', since: now - 2 * 3600_000 },
      snapshot: snapshot('ci-runners', now, {
        summary: summary({ name: 'ci-runners', cpus: 64, memoryBytes: 251.5 * GIB, dockerRootDir: '/srv/docker' }),
        storage: btrfsLabStorage,
        diskUsage: diskUsage(310, 142.6, 48.3, 12.2, 96.4),
        containerCount: 5000,
        seed: 16,
      }),
    },
    {
      profile: {
        id: 'local',
        name: 'local',
        tags: [],
        transport: { type: 'unix', socketPath: DEMO_LOCAL_SOCKET },
      },
      status: { state: 'ready', since: now - 600_000 },
      snapshot: {
        hostId: 'local',
        summary: { ...labSummary, name: 'workstation', dockerRootDir: '/var/lib/docker', daemonWarnings: [] },
        storage: overlay2,
        diskUsage: labDiskUsage,
        containers: labContainers,
        counts: countContainers(labContainers),
        updatedAt: now,
      },
    },
  ];
}

const DAY = 86_400_000;

/** prod-api-01's client certificate runs out in 12 days: the sidebar, fleet and dashboard warn. */
function prodCertificates(now: number): HostCertificates {
  const entry = (role: 'ca' | 'client' | 'server', subject: string, days: number, level: 'ok' | 'warning') => ({
    role,
    subject,
    notAfter: new Date(now + days * DAY).toISOString(),
    daysLeft: days,
    level,
    problems: [],
  });
  return {
    checkedAt: now - 5 * 3600_000,
    worst: 'warning',
    entries: [
      entry('ca', 'CN=Berth CA for 10.20.0.11', 1460, 'ok'),
      entry('client', 'CN=client', 12, 'warning'),
      entry('server', 'CN=10.20.0.11', 300, 'ok'),
    ],
  };
}
