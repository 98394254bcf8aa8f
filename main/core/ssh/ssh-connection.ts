import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as SshClient, ConnectConfig } from 'ssh2';
import type { SshHop } from '../../../shared/profile.js';
import { formatHostPort } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import { preferredHostKeyAlgorithms, verifyHostKeyWith } from './host-key-verifier.js';
import type { KnownHosts } from './known-hosts.js';
import { type PassphraseProvider, type PreparedAuth, prepareAuth } from './ssh-auth.js';
import { describeTarget, mapJumpForwardError, mapSshError, type SshTarget, sshTimeoutError } from './ssh-errors.js';

const { Client } = ssh2;

export interface SshConnectionOptions {
  hop: SshHop;
  /** Reach `hop` through this host (like ssh -J): both host keys are verified. */
  jumpHost?: SshHop;
  knownHosts: KnownHosts;
  /**
   * Upper bound for connecting (TCP, handshake, authentication, and the jump host if any).
   * Reading and decrypting key files happens before the clock starts, since
   * `passphraseFor` may wait for the operator.
   */
  timeoutMs: number;
  /** SSH-level keep-alive ping interval. Default 15 s; 0 disables. */
  keepaliveIntervalMs?: number;
  /** Unanswered keep-alives before the connection counts as dead. Default 3. */
  keepaliveCountMax?: number;
  /** Asked for the passphrase of an encrypted key when the profile holds none. */
  passphraseFor?: PassphraseProvider;
}

export interface SshConnection {
  /** The ssh2 client logged in to `hop`. Hold it; open channels on it. */
  client: SshClient;
  /** Resolves once the connection has closed, with the error that closed it, if any. */
  closed: Promise<BerthError | undefined>;
  /** SSH connections this opened: 1, or 2 through a jump host. */
  connectionsOpened: number;
  /** Ends the connection (and the jump host's); resolves when both are closed. */
  dispose(): Promise<void>;
}

const DEFAULT_KEEPALIVE_MS = 15_000;
const DEFAULT_KEEPALIVE_COUNT = 3;
const DISPOSE_GRACE_MS = 2_000;

interface Attempt {
  aborted: boolean;
  clients: SshClient[];
  /** The hop being connected to, for the timeout message. */
  current: SshTarget | undefined;
}

/**
 * Opens one authenticated SSH connection, optionally through a jump host. Host keys are
 * checked against `knownHosts` and never accepted automatically; every failure becomes a
 * BerthError with a specific code; nothing is left open when it fails.
 */
export async function openSshConnection(options: SshConnectionOptions): Promise<SshConnection> {
  const { hop, jumpHost } = options;
  const jumpAuth = jumpHost === undefined ? undefined : await prepareAuth(jumpHost, options.passphraseFor);
  const auth = await prepareAuth(hop, options.passphraseFor);

  const attempt: Attempt = { aborted: false, clients: [], current: undefined };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      attempt.aborted = true;
      const target = attempt.current ?? targetOf(jumpHost ?? hop, jumpAuth ?? auth, undefined);
      reject(sshTimeoutError(target, options.timeoutMs));
    }, options.timeoutMs);
  });

  const establish = async (): Promise<{ client: SshClient; jump: SshClient | undefined }> => {
    if (jumpHost === undefined || jumpAuth === undefined) {
      return { client: await connectHop(attempt, options, hop, auth, undefined, undefined), jump: undefined };
    }
    const jump = await connectHop(attempt, options, jumpHost, jumpAuth, undefined, undefined);
    const via = describeTarget(jumpHost);
    const stream = await forwardThrough(jump, targetOf(hop, auth, via));
    return { client: await connectHop(attempt, options, hop, auth, stream, via), jump };
  };
  const established = establish();
  established.catch(() => undefined); // when the deadline wins, the loser's rejection is expected

  try {
    const { client, jump } = await Promise.race([established, deadline]);
    const target = targetOf(hop, auth, jumpHost && describeTarget(jumpHost));
    const jumpTarget = jumpHost && jumpAuth && targetOf(jumpHost, jumpAuth, undefined);
    return wrapConnection(client, jump && jumpTarget && { client: jump, target: jumpTarget }, target, options.timeoutMs);
  } catch (error) {
    attempt.aborted = true;
    for (const client of attempt.clients) client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function targetOf(hop: SshHop, auth: PreparedAuth, via: string | undefined): SshTarget {
  const target: SshTarget = { host: hop.host, port: hop.port, user: hop.user, auth: hop.auth.method, phase: 'tcp' };
  if (auth.credentialPath !== undefined) target.credentialPath = auth.credentialPath;
  if (via !== undefined) target.via = via;
  return target;
}

async function connectHop(
  attempt: Attempt,
  options: SshConnectionOptions,
  hop: SshHop,
  auth: PreparedAuth,
  sock: Duplex | undefined,
  via: string | undefined,
): Promise<SshClient> {
  const target = targetOf(hop, auth, via);
  attempt.current = target;
  const algorithms = preferredHostKeyAlgorithms(await options.knownHosts.knownKeyTypes(hop.host, hop.port));
  if (attempt.aborted) throw sshTimeoutError(target, options.timeoutMs);

  const client = new Client();
  attempt.clients.push(client);
  const verification = verifyHostKeyWith(options.knownHosts, hop.host, hop.port);
  const config: ConnectConfig = {
    host: hop.host,
    port: hop.port,
    username: hop.user,
    authHandler: [auth.method],
    hostVerifier: verification.verifier,
    readyTimeout: options.timeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
    keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT,
  };
  if (sock !== undefined) config.sock = sock;
  if (algorithms !== undefined) {
    config.algorithms = { serverHostKey: { remove: algorithms, prepend: algorithms, append: [] } };
  }

  return new Promise<SshClient>((resolve, reject) => {
    let settled = false;
    const fail = (error: BerthError): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    // This listener stays for the client's life: ssh2 may emit more errors while closing.
    client.on('error', (error: Error) => fail(verification.rejection ?? mapSshError(error, target, options.timeoutMs)));
    client.on('connect', () => {
      target.phase = 'handshake';
      // Docker API calls are small request/response pairs: Nagle's algorithm plus delayed
      // ACKs would add ~40 ms to many of them.
      client.setNoDelay(true);
    });
    client.on('handshake', () => {
      target.phase = 'auth';
    });
    client.once('close', () => {
      const address = formatHostPort(hop.host, hop.port);
      fail(
        verification.rejection ??
          new BerthError('CONNECTION_RESET', `${address} closed the SSH connection before it was ready. Check the server's sshd log.`),
      );
    });
    client.once('ready', () => {
      target.phase = 'ready';
      if (settled) return;
      settled = true;
      resolve(client);
    });
    try {
      client.connect(config);
    } catch (error) {
      client.destroy();
      fail(
        new BerthError('INTERNAL', `Berth could not start an SSH connection to ${describeTarget(hop)}: ${(error as Error).message}`, {
          cause: error,
        }),
      );
    }
  });
}

/** Opens a direct-tcpip channel on the jump host to the next hop (ssh -J). */
function forwardThrough(jump: SshClient, target: SshTarget): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    try {
      jump.forwardOut('127.0.0.1', 0, target.host, target.port, (error, stream) => {
        if (error) reject(mapJumpForwardError(error, target));
        else resolve(stream);
      });
    } catch (error) {
      reject(mapJumpForwardError(error, target));
    }
  });
}

function closedPromise(client: SshClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}

function wrapConnection(
  client: SshClient,
  jumpHop: { client: SshClient; target: SshTarget } | undefined,
  target: SshTarget,
  timeoutMs: number,
): SshConnection {
  const jump = jumpHop?.client;
  let lastError: BerthError | undefined;
  client.on('error', (error: Error) => {
    lastError ??= mapSshError(error, { ...target, phase: 'ready' }, timeoutMs);
  });
  const clientClosed = closedPromise(client);
  const jumpClosed = jump === undefined ? Promise.resolve() : closedPromise(jump);
  if (jumpHop !== undefined && jump !== undefined) {
    jump.on('error', (error: Error) => {
      lastError ??= mapSshError(error, { ...jumpHop.target, phase: 'ready' }, timeoutMs);
    });
    // The jump host exists only for this connection.
    void clientClosed.then(() => jump.end());
    void jumpClosed.then(() => client.end());
  }
  const closed = clientClosed.then(() => lastError);
  let disposing: Promise<void> | undefined;

  return {
    client,
    closed,
    connectionsOpened: jump === undefined ? 1 : 2,
    dispose() {
      disposing ??= (async () => {
        client.end();
        jump?.end();
        let grace: NodeJS.Timeout | undefined;
        const both = Promise.all([clientClosed, jumpClosed]);
        const timedOut = await Promise.race([
          both.then(() => false),
          new Promise<boolean>((resolve) => {
            grace = setTimeout(() => resolve(true), DISPOSE_GRACE_MS);
          }),
        ]);
        clearTimeout(grace);
        if (timedOut) {
          client.destroy();
          jump?.destroy();
          await both;
        }
      })();
      return disposing;
    },
  };
}
