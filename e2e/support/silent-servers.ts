import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';

export interface TestServer {
  port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts TCP connections and never says a word: the "hung port". */
export function silentServer(): Promise<TestServer> {
  return listen(net.createServer(() => undefined));
}

/** A TLS server with the given certificate that completes handshakes and then stays silent. */
export function silentTlsServer(certPath: string, keyPath: string): Promise<TestServer> {
  return listen(tls.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, () => undefined));
}

/** A port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = await listen(net.createServer());
  await server.close();
  return server.port;
}
