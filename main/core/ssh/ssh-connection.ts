import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as SshClient, ConnectConfig } from 'ssh2';
import type { SshHop } from '../../../shared/profile.js';
import { formatHostPort } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import { type JumpPosition, preferredHostKeyAlgorithms, verifyHostKeyWith } from './host-key-verifier.js';
import type { KnownHosts } from './known-hosts.js';
import { type PassphraseProvider, type PreparedAuth, prepareAuth } from './ssh-auth.js';
import { describeTarget, mapJumpForwardError, mapSshError, type SshTarget, sshTimeoutError } from './ssh-errors.js';

const { Client } = ssh2;

export interface SshConnectionOptions {
  hop: SshHop;
  /** Reach `hop` through these hosts, in order (like ssh -J a,b): every host key is verified. */
  jumpHosts?: readonly SshHop[];
  knownHosts: KnownHosts;
  /**
   * Upper bound for connecting (TCP, handshake, authentication, and every jump host). Reading
   * and decrypting key files happens before the clock starts, since `passphraseFor` may wait
   * for the operator.
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
  /** SSH connections this opened: 1, plus one per jump host. */
  connectionsOpened: number;
  /** Ends the connection and every jump host's; resolves when all are closed. */
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

/** One hop of the chain, with what connecting to it needs. */
interface ChainLink {
  hop: SshHop;
  auth: PreparedAuth;
  target: SshTarget;
  /** Set for a jump host: its place in the chain, named in host-key prompts. */
  jump: JumpPosition | undefined;
}

/**
 * Opens one authenticated SSH connection, optionally through a chain of jump hosts: the first
 * is dialled directly, each next hop through a direct-tcpip channel of the one before (the
 * `sock` of its ssh2 client). Every host key is checked against `knownHosts` and never accepted
 * automatically; every failure becomes a BerthError with a specific code; nothing is left open
 * when it fails.
 */
export async function openSshConnection(options: SshConnectionOptions): Promise<SshConnection> {
  const hops = [...(options.jumpHosts ?? []), options.hop];
  const links: ChainLink[] = [];
  for (const [index, hop] of hops.entries()) {
    const auth = await prepareAuth(hop, options.passphraseFor);
    const previous = hops[index - 1];
    const isJump = index < hops.length - 1;
    links.push({
      hop,
      auth,
      target: targetOf(hop, auth, previous && describeTarget(previous)),
      jump: isJump ? { number: index + 1, count: hops.length - 1 } : undefined,
    });
  }

  const attempt: Attempt = { aborted: false, clients: [], current: undefined };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      attempt.aborted = true;
      reject(sshTimeoutError(attempt.current ?? links[0]!.target, options.timeoutMs));
    }, options.timeoutMs);
  });

  const establish = async (): Promise<SshClient[]> => {
    const clients: SshClient[] = [];
    for (const link of links) {
      const through = clients.at(-1);
      const sock = through === undefined ? undefined : await forwardThrough(through, link.target);
      clients.push(await connectHop(attempt, options, link, sock));
    }
    return clients;
  };
  const established = establish();
  established.catch(() => undefined); // when the deadline wins, the loser's rejection is expected

  try {
    const clients = await Promise.race([established, deadline]);
    return wrapConnection(
      clients.map((client, index) => ({ client, target: links[index]!.target })),
      options.timeoutMs,
    );
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

async function connectHop(attempt: Attempt, options: SshConnectionOptions, link: ChainLink, sock: Duplex | undefined): Promise<SshClient> {
  const { hop, auth, target } = link;
  attempt.current = target;
  const algorithms = preferredHostKeyAlgorithms(await options.knownHosts.knownKeyTypes(hop.host, hop.port));
  if (attempt.aborted) throw sshTimeoutError(target, options.timeoutMs);

  const client = new Client();
  attempt.clients.push(client);
  const verification = verifyHostKeyWith(options.knownHosts, hop.host, hop.port, link.jump);
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

/** The connected chain, last hop last: closing any hop closes them all (a hop exists only for this connection). */
function wrapConnection(chain: { client: SshClient; target: SshTarget }[], timeoutMs: number): SshConnection {
  const { client } = chain.at(-1)!;
  let lastError: BerthError | undefined;
  for (const hop of chain) {
    hop.client.on('error', (error: Error) => {
      lastError ??= mapSshError(error, { ...hop.target, phase: 'ready' }, timeoutMs);
    });
  }
  const closings = chain.map((hop) => closedPromise(hop.client));
  const endAll = () => {
    // From the far end inwards, so each hop's channel closes before the hop carrying it.
    for (const hop of [...chain].reverse()) hop.client.end();
  };
  for (const closing of closings) void closing.then(endAll);
  const allClosed = Promise.all(closings);
  const closed = closings.at(-1)!.then(() => lastError);
  let disposing: Promise<void> | undefined;

  return {
    client,
    closed,
    connectionsOpened: chain.length,
    dispose() {
      disposing ??= (async () => {
        endAll();
        let grace: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          allClosed.then(() => false),
          new Promise<boolean>((resolve) => {
            grace = setTimeout(() => resolve(true), DISPOSE_GRACE_MS);
          }),
        ]);
        clearTimeout(grace);
        if (timedOut) {
          for (const hop of chain) hop.client.destroy();
          await allClosed;
        }
      })();
      return disposing;
    },
  };
}
