/**
 * Test support only: an in-process ssh2 SSH server on 127.0.0.1 for fast, hermetic tests of
 * the SSH modules (the lab's OpenSSH server covers the real thing in integration tests).
 * Supports password and public-key auth, direct-tcpip (as a jump host) and
 * direct-streamlocal (forwarding to a local unix socket). No SFTP.
 */
import { stat } from 'node:fs/promises';
import net from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, Server as SshServer } from 'ssh2';

const { Server, utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

export interface TestSshServer {
  host: string;
  port: number;
  /** The server's host key: its type and public blob. */
  hostKeyType: string;
  hostKeyBlob: Buffer;
  /** TCP connections accepted so far. */
  connections: number;
  /** Stream-local channels opened so far. */
  streamlocalChannels: number;
  /** SSH client connections open now (a closed client is gone from it). */
  openClients: number;
  /** Drops every client connection (as a network failure would). */
  dropClients(): void;
  close(): Promise<void>;
}

export interface TestSshServerOptions {
  password?: string;
  /** OpenSSH public key line accepted for public-key auth. */
  authorizedKey?: string;
  /** Refuse direct-streamlocal channels (like AllowStreamLocalForwarding no). */
  refuseStreamlocal?: boolean;
  /** Offer an SFTP subsystem that answers STAT from the local file system. */
  sftp?: boolean;
  /** The type of the server's only host key. Default ed25519. */
  hostKeyType?: 'ed25519' | 'rsa';
}

export function generateTestKey(type: 'ed25519' | 'rsa' = 'ed25519'): { privateKey: string; publicKey: string } {
  // ssh2's keygen drops the leading zero bytes of an ed25519 public key (about 1 key in 256,
  // mscdex/ssh2#1390), and its own parser then refuses the pair: draw again.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const { private: privateKey, public: publicKey } =
      type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(privateKey) instanceof Error) && !(utils.parseKey(publicKey) instanceof Error)) return { privateKey, publicKey };
  }
  throw new Error(`ssh2 generated no parseable ${type} key in 20 attempts`);
}

export async function startTestSshServer(options: TestSshServerOptions = {}): Promise<TestSshServer> {
  const hostKey = generateTestKey(options.hostKeyType);
  const parsedHostKey = utils.parseKey(hostKey.publicKey) as ParsedKey;
  const authorized = options.authorizedKey === undefined ? undefined : (utils.parseKey(options.authorizedKey) as ParsedKey);
  const clients = new Set<Connection>();
  const sockets = new Set<net.Socket>();
  const state = { connections: 0, streamlocalChannels: 0 };

  const server: SshServer = new Server({ hostKeys: [hostKey.privateKey] }, (client) => {
    state.connections++;
    clients.add(client);
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('error', () => undefined);
    client.on('close', () => clients.delete(client));
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && options.password !== undefined && safeEqual(ctx.password, options.password)) return ctx.accept();
      if (
        ctx.method === 'publickey' &&
        authorized !== undefined &&
        ctx.key.algo === authorized.type &&
        ctx.key.data.equals(authorized.getPublicSSH())
      ) {
        if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept();
        if (authorized.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.accept();
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        const upstream = net.connect(info.destPort, info.destIP);
        track(upstream);
        upstream.once('error', () => reject());
        upstream.once('connect', () => {
          const channel = accept();
          upstream.removeAllListeners('error');
          pipeBoth(channel, upstream);
        });
      });
      client.on('openssh.streamlocal', (accept, reject, info) => {
        if (options.refuseStreamlocal) return reject();
        const upstream = net.connect(info.socketPath);
        track(upstream);
        upstream.once('error', () => reject());
        upstream.once('connect', () => {
          state.streamlocalChannels++;
          const channel = accept();
          upstream.removeAllListeners('error');
          pipeBoth(channel, upstream);
        });
      });
      client.on('session', (accept, reject) => {
        if (!options.sftp) return reject();
        const session = accept();
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          sftp.on('STAT', (requestId: number, path: string) => {
            stat(path).then(
              (info) => sftp.attrs(requestId, { mode: info.mode, uid: info.uid, gid: info.gid, size: info.size, atime: 0, mtime: 0 }),
              (error: NodeJS.ErrnoException) =>
                sftp.status(requestId, error.code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.PERMISSION_DENIED),
            );
          });
        });
        session.on('exec', (_acceptExec, rejectExec) => rejectExec?.());
      });
    });
  });

  function track(socket: net.Socket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    hostKeyType: parsedHostKey.type,
    hostKeyBlob: parsedHostKey.getPublicSSH(),
    get connections() {
      return state.connections;
    },
    get streamlocalChannels() {
      return state.streamlocalChannels;
    },
    get openClients() {
      return clients.size;
    },
    dropClients() {
      for (const client of clients) client.end();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      for (const client of clients) client.end();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function pipeBoth(channel: NodeJS.ReadWriteStream & { on(event: string, listener: () => void): unknown }, socket: net.Socket): void {
  channel.pipe(socket).pipe(channel);
  socket.on('error', () => channel.end());
  channel.on('error', () => socket.destroy());
  channel.on('close', () => socket.destroy());
  socket.on('close', () => channel.end());
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
