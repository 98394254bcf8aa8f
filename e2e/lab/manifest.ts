/**
 * The Berth lab as tests see it: `$BERTH_LAB_DIR/manifest.json` (default /tmp/berth-lab), written
 * by e2e/lab/up.sh, plus small helpers around e2e/lab/ctl.sh.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sshTransportSchema, tcpTransportSchema, tlsTransportSchema, unixTransportSchema } from '../../shared/profile.js';

export const DEFAULT_LAB_DIR = '/tmp/berth-lab';
export const LAB_DAEMON_NAMES = ['tcp', 'tls', 'ssh', 'btrfs', 'vfs'] as const;
export type LabDaemonName = (typeof LAB_DAEMON_NAMES)[number];
/** What ctl.sh can stop and start: a lab daemon, or the lab's sshd. */
export type LabCtlTarget = LabDaemonName | 'cleanup' | 'sshd';
export type LabCtlAction = 'stop' | 'start' | 'restart';

export const LAB_NOT_RUNNING = 'the Berth lab is not running: run `npm run lab:up` (as root)';

const CTL_SCRIPT = fileURLToPath(new URL('./ctl.sh', import.meta.url));

const containerCountsSchema = z.object({
  total: z.number().int(),
  running: z.number().int(),
  paused: z.number().int(),
  stopped: z.number().int(),
});

function daemonSchema<N extends LabDaemonName, T extends z.ZodType>(name: N, transport: T) {
  return z.object({
    name: z.literal(name),
    driver: z.string().min(1),
    /** Docker-style address: tcp://127.0.0.1:23750, unix:///…/docker.sock, ssh://user@host:port. */
    endpoint: z.string().min(1),
    /** Valid under shared/profile.ts `transportSchema`. */
    transport,
    pidfile: z.string().min(1),
    logFile: z.string().min(1),
    containers: containerCountsSchema,
  });
}

const certAndKeySchema = z.object({ certPath: z.string().min(1), keyPath: z.string().min(1) });

export const labManifestSchema = z.object({
  version: z.literal(1),
  labDir: z.string().min(1),
  image: z.string().min(1),
  daemons: z.object({
    tcp: daemonSchema('tcp', tcpTransportSchema),
    tls: daemonSchema('tls', tlsTransportSchema),
    ssh: daemonSchema('ssh', sshTransportSchema),
    btrfs: daemonSchema('btrfs', tcpTransportSchema),
    vfs: daemonSchema('vfs', unixTransportSchema),
  }),
  tls: z.object({
    caPath: z.string().min(1),
    certPath: z.string().min(1),
    keyPath: z.string().min(1),
    /** Holds ca.pem, cert.pem and key.pem: usable as DOCKER_CERT_PATH. */
    certDir: z.string().min(1),
    /** An unrelated CA and a client certificate it signed: the lab daemons trust neither. */
    rogue: certAndKeySchema.extend({ caPath: z.string().min(1) }),
    /** Signed by the lab CA, but its only subjectAltName is DNS:elsewhere.invalid. */
    wrongSanServer: certAndKeySchema,
    /** A client certificate signed by the lab CA that expired in 2020. */
    expiredClient: certAndKeySchema.optional(),
  }),
  ssh: z.object({
    host: z.string().min(1),
    port: z.number().int(),
    user: z.string().min(1),
    password: z.string().min(1),
    /** Unencrypted ed25519 key, authorized. */
    keyPath: z.string().min(1),
    /** ed25519 key encrypted with `keyPassphrase`, authorized. */
    encryptedKeyPath: z.string().min(1),
    keyPassphrase: z.string().min(1),
    /** ed25519 key that is NOT authorized. */
    wrongKeyPath: z.string().min(1),
    /** `[127.0.0.1]:22220 ssh-ed25519 AAAA…` */
    knownHostsPath: z.string().min(1),
    hostKeyType: z.string().min(1),
    /** As `ssh-keygen -lf` prints it: `SHA256:…` */
    hostKeyFingerprint: z.string().startsWith('SHA256:'),
    /**
     * More ports the lab sshd listens on (same host key, users and keys), for ProxyJump chains
     * through real hops. Manifests written before they existed get the ports lab:up opens now.
     */
    jumpPorts: z.array(z.number().int()).default([22221, 22222]),
    /** The ssh daemon's socket, which the lab user may open. */
    remoteSocket: z.string().min(1),
    /** A path where no socket exists. */
    missingSocket: z.string().min(1),
    /** A root:root 0600 socket the lab user may not open. */
    forbiddenSocket: z.string().min(1),
  }),
  /**
   * The TLS install target (e2e/lab/lib-install.sh): a plain vfs dockerd that the lab SSH user may
   * reconfigure. Optional so a manifest from before it existed still loads; use labInstallTarget().
   */
  install: z
    .object({
      host: z.string().min(1),
      /** dockerd's --config-file, writable by the lab user; initially only `hosts: [unix://<socket>]`. */
      daemonJsonPath: z.string().min(1),
      /** A directory the lab user may create, for ca.pem, server-cert.pem and server-key.pem. */
      remoteDir: z.string().min(1),
      /** `sudo -n …/restart.sh`: restarts only this dockerd, with its usual flags; exits non-zero if it does not come up. */
      restartCommand: z.string().min(1),
      /** A free loopback port for the TLS listener (tcp://127.0.0.1:<tlsPort>). */
      tlsPort: z.number().int(),
      /** The plain unix socket, which stays in `hosts` after the install. */
      socket: z.string().min(1),
      /** A drop-in path the lab user may write (the lab runs no systemd). */
      systemdDropInPath: z.string().min(1),
      pidfile: z.string().min(1),
      logFile: z.string().min(1),
    })
    .optional(),
  /**
   * The cleanup daemon (e2e/lab/lib-cleanup.sh): overlay2, which prune tests may empty. Over tcp
   * (`transport`) and through the lab sshd (`sshTransport`, to its socket). Optional so a manifest
   * from before it existed still loads; use labCleanupDaemon().
   */
  cleanup: z
    .object({
      name: z.literal('cleanup'),
      driver: z.string().min(1),
      endpoint: z.string().min(1),
      transport: tcpTransportSchema,
      sshTransport: sshTransportSchema,
      socket: z.string().min(1),
      /** Its DockerRootDir (--data-root). */
      dataRoot: z.string().min(1),
      pidfile: z.string().min(1),
      logFile: z.string().min(1),
    })
    .optional(),
});

export type LabManifest = z.infer<typeof labManifestSchema>;
export type LabDaemons = LabManifest['daemons'];
export type LabDaemon = LabDaemons[LabDaemonName];
export type LabContainerCounts = z.infer<typeof containerCountsSchema>;
export type LabTlsFixtures = LabManifest['tls'];
export type LabSshFixtures = LabManifest['ssh'];
export type LabInstallTarget = NonNullable<LabManifest['install']>;

/** The install target of the running lab; throws when the lab predates it (run `npm run lab:up` again). */
export function labInstallTarget(manifest: LabManifest): LabInstallTarget {
  if (manifest.install === undefined) {
    throw new Error('the Berth lab has no TLS install target (its manifest lacks "install"): run `npm run lab:up` (as root) again');
  }
  return manifest.install;
}

export type LabCleanupDaemon = NonNullable<LabManifest['cleanup']>;

/** The cleanup daemon of the running lab; throws when the lab predates it. */
export function labCleanupDaemon(manifest: LabManifest): LabCleanupDaemon {
  if (manifest.cleanup === undefined) {
    throw new Error(
      'the Berth lab has no cleanup daemon (its manifest lacks "cleanup"): run `bash e2e/lab/ctl.sh start cleanup` or `npm run lab:up` (as root)',
    );
  }
  return manifest.cleanup;
}

/**
 * What `ctl.sh prepare-cleanup` leaves on the cleanup daemon by name (the two dangling images and
 * the anonymous volume have ids only: read them with the docker CLI).
 */
export const LAB_CLEANUP_OBJECTS = {
  stoppedContainers: ['cleanup-exited-writer', 'lab-created', 'lab-exited'],
  keptContainers: ['cleanup-user', 'lab-running-1', 'lab-running-2'],
  unusedTaggedImage: 'berth-lab/cleanup-unused:1',
  unusedNamedVolume: 'cleanup-unused',
  inUseVolume: 'cleanup-in-use',
  unusedNetwork: 'cleanup-unused-net',
  inUseNetwork: 'cleanup-in-use-net',
} as const;

/** `BERTH_LAB_DIR`, or /tmp/berth-lab. */
export function labDir(): string {
  return process.env.BERTH_LAB_DIR || DEFAULT_LAB_DIR;
}

/** Reads and checks the manifest of the running lab; throws LAB_NOT_RUNNING when there is none. */
export function loadLabManifest(dir: string = labDir()): LabManifest {
  const path = join(dir, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${LAB_NOT_RUNNING} (no ${path})`, { cause: error });
    }
    throw error;
  }
  const parsed = labManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`the Berth lab manifest ${path} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function ctl(args: string[], timeoutMs: number): string {
  const result = spawnSync('bash', [CTL_SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BERTH_LAB_DIR: labDir() },
    timeout: timeoutMs,
  });
  if (result.error) {
    throw new Error(`e2e/lab/ctl.sh ${args.join(' ')} could not run: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const why = result.stderr.trim() || `killed by ${result.signal ?? 'a signal'}`;
    throw new Error(`e2e/lab/ctl.sh ${args.join(' ')} failed (exit ${result.status}): ${why}`);
  }
  return result.stdout;
}

/**
 * Like labCtl, without blocking the event loop: use it when code under test in the same process
 * must keep running through the outage (as Berth would while a daemon restarts).
 */
export function labCtlAsync(action: LabCtlAction, daemon: LabCtlTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [CTL_SCRIPT, action, daemon],
      { env: { ...process.env, BERTH_LAB_DIR: labDir() }, timeout: 120_000 },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`e2e/lab/ctl.sh ${action} ${daemon} failed: ${stderr.trim() || error.message}`));
        else resolve();
      },
    );
  });
}

/** Stops, starts or restarts one lab daemon (or the lab sshd) to simulate an outage. Needs root. */
export function labCtl(action: LabCtlAction, daemon: LabCtlTarget): void {
  ctl([action, daemon], 120_000);
}

/** Runs one more long-running busybox container on a lab daemon; returns its full id. */
export function runLabContainer(daemon: LabDaemonName, name?: string): string {
  const id = ctl(['run', daemon, ...(name ? [name] : [])], 60_000).trim();
  if (!/^[0-9a-f]{64}$/.test(id)) {
    throw new Error(`e2e/lab/ctl.sh run ${daemon} printed ${JSON.stringify(id)}, not a container id`);
  }
  return id;
}

/** Removes containers (ids or names) from a lab daemon, e.g. those made by runLabContainer. */
export function removeLabContainers(daemon: LabDaemonName, ...containers: string[]): void {
  if (containers.length > 0) ctl(['rm', daemon, ...containers], 60_000);
}

/** Puts a lab daemon back to the baseline containers of up.sh (the counts in the manifest). */
export function resetLabContainers(daemon: LabDaemonName): void {
  ctl(['reset', daemon], 60_000);
}

/** Fills the cleanup daemon with stopped containers, dangling and unused images, unused volumes and a network (see LAB_CLEANUP_OBJECTS). */
export function prepareLabCleanup(): void {
  ctl(['prepare-cleanup'], 180_000);
}

/** Puts the TLS install target back to a plain daemon (no TLS, nothing but daemon.json in its config dir). Needs root. */
export function resetLabInstallTarget(): void {
  ctl(['reset-install'], 120_000);
}

/**
 * docker CLI flags that reach a lab daemon from this machine. The ssh daemon is reached through
 * its socket directly (it is local); tests of the SSH path go through sshd themselves.
 */
export function labDockerArgs(manifest: LabManifest, daemon: LabDaemonName): string[] {
  const { transport } = manifest.daemons[daemon];
  switch (transport.type) {
    case 'tcp':
      return ['-H', `tcp://${transport.host}:${transport.port}`];
    case 'tls':
      return [
        '-H',
        `tcp://${transport.host}:${transport.port}`,
        '--tlsverify',
        '--tlscacert',
        manifest.tls.caPath,
        '--tlscert',
        manifest.tls.certPath,
        '--tlskey',
        manifest.tls.keyPath,
      ];
    case 'ssh':
      return ['-H', `unix://${transport.remoteSocket}`];
    case 'unix':
      return ['-H', `unix://${transport.socketPath}`];
  }
}
