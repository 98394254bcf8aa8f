import type { LocalDaemon } from '../../../shared/contract.js';
import { type DockerEnvironment, transportFromDockerEnvironment } from '../endpoint.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { openDockerConnection } from '../transports/docker-connection.js';

export interface LocalDetectOptions {
  env: DockerEnvironment;
  homeDir: string;
  knownHosts: KnownHosts;
  /** How long to wait for an answer; the local daemon either answers fast or not at all. */
  timeoutMs: number;
}

/**
 * The daemon the docker CLI would talk to (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, or
 * the default socket), if it answers `/version` within the timeout; null otherwise. ssh://
 * endpoints are not tried: they need a host-key decision, which belongs in the host form.
 */
export async function detectLocalDaemon(options: LocalDetectOptions): Promise<LocalDaemon | null> {
  let transport;
  try {
    transport = transportFromDockerEnvironment(options.env, options.homeDir);
  } catch {
    return null;
  }
  if (transport.type === 'ssh') return null;
  const endpoint = options.env.DOCKER_HOST && options.env.DOCKER_HOST !== '' ? options.env.DOCKER_HOST : 'unix:///var/run/docker.sock';
  let connection;
  try {
    connection = await withTimeout(
      openDockerConnection(transport, { timeoutMs: options.timeoutMs, knownHosts: options.knownHosts }),
      options.timeoutMs,
    );
  } catch {
    return null;
  }
  try {
    const version = (await connection.api.get('/version')) as { Version?: unknown } | null;
    const serverVersion = typeof version?.Version === 'string' ? version.Version : '';
    return serverVersion === '' ? null : { endpoint, serverVersion, transport };
  } catch {
    return null;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function withTimeout<T extends { close(): Promise<void> }>(opening: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    return await Promise.race([opening, timeout]);
  } catch (error) {
    // A connection that opens after we gave up is closed, not leaked.
    void opening.then((connection) => connection.close()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
