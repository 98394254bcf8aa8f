import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * What node:http calls on a socket beyond the Duplex interface. ssh2 channels have none of
 * it, so `asHttpSocket` adds it.
 */
export interface HttpSocketShims {
  setKeepAlive(enable?: boolean, initialDelay?: number): this;
  setNoDelay(noDelay?: boolean): this;
  setTimeout(timeout: number, callback?: () => void): this;
  ref(): this;
  unref(): this;
  destroySoon(): void;
  timeout: number;
}

/**
 * Makes an ssh2 channel usable as an http.Agent socket:
 * - setKeepAlive / setNoDelay are no-ops: TCP options belong to the one SSH connection
 *   underneath, which has its own SSH-level keep-alive.
 * - ref / unref are no-ops: the SSH connection's socket is what holds the event loop.
 * - setTimeout is real, as in net.Socket: after `timeout` ms without data in either
 *   direction the channel emits 'timeout' (http relies on this for request timeouts and to
 *   drop idle pooled sockets). The timer is unref'd, reset on activity, cleared on close.
 * - Once the channel has closed it reports `destroyed` and not `writable`, so http's pool
 *   never hands out a dead channel (ssh2 channels never set `destroyed` themselves).
 */
export function asHttpSocket(channel: ClientChannel): Duplex & HttpSocketShims {
  const socket = channel as ClientChannel & HttpSocketShims;
  let timeoutMs = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (timeoutMs > 0 && !closed) {
      timer = setTimeout(() => {
        timer = undefined;
        socket.emit('timeout');
      }, timeoutMs);
      timer.unref();
    }
  };
  const touch = (): void => {
    if (timer !== undefined) arm();
  };

  socket.timeout = 0;
  socket.setTimeout = (ms: number, callback?: () => void) => {
    timeoutMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
    socket.timeout = timeoutMs;
    if (callback !== undefined) {
      if (timeoutMs === 0) socket.removeListener('timeout', callback);
      else socket.once('timeout', callback);
    }
    arm();
    return socket;
  };
  socket.setKeepAlive = () => socket;
  socket.setNoDelay = () => socket;
  socket.ref = () => socket;
  socket.unref = () => socket;
  // http ends a socket it will not reuse with destroySoon(); a channel's destroy() ends it
  // gracefully (EOF, then CHANNEL_CLOSE).
  socket.destroySoon = () => {
    socket.destroy();
  };

  // Activity: data pushed in by ssh2, data written out by http.
  const push = socket.push.bind(socket);
  socket.push = (chunk: unknown, encoding?: BufferEncoding) => {
    touch();
    return push(chunk, encoding);
  };
  const write = socket._write.bind(socket);
  socket._write = (chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void) => {
    touch();
    write(chunk, encoding, callback);
  };

  const destroyedDescriptor = findDescriptor(socket, 'destroyed');
  Object.defineProperty(socket, 'destroyed', {
    configurable: true,
    enumerable: true,
    get: () => closed || Boolean(destroyedDescriptor?.get?.call(socket)),
    set: (value: boolean) => destroyedDescriptor?.set?.call(socket, value),
  });
  // Registered before http's own listeners, so the pool sees a closed channel as unusable.
  socket.prependListener('close', () => {
    closed = true;
    (socket as { writable: boolean }).writable = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  });
  return socket;
}

function findDescriptor(object: object, key: string): PropertyDescriptor | undefined {
  for (let proto: object | null = object; proto !== null; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}
