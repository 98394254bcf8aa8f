import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asHttpSocket } from './channel-socket.js';

/** Mimics an ssh2 channel: a Duplex that never sets `destroyed` and emits 'close' itself. */
function fakeChannel(): Duplex {
  const channel = new Duplex({
    emitClose: false,
    read() {},
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  return channel;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('asHttpSocket', () => {
  it('adds the socket methods http calls, as chainable no-ops', () => {
    const socket = asHttpSocket(fakeChannel() as unknown as ClientChannel);
    expect(socket.setKeepAlive(true, 1000)).toBe(socket);
    expect(socket.setNoDelay(true)).toBe(socket);
    expect(socket.ref()).toBe(socket);
    expect(socket.unref()).toBe(socket);
    expect(socket.timeout).toBe(0);
  });

  it('emits timeout after inactivity and runs the callback once', () => {
    vi.useFakeTimers();
    const socket = asHttpSocket(fakeChannel() as unknown as ClientChannel);
    const onTimeout = vi.fn();
    const events = vi.fn();
    socket.on('timeout', events);
    socket.setTimeout(1000, onTimeout);
    expect(socket.timeout).toBe(1000);
    vi.advanceTimersByTime(999);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(events).toHaveBeenCalledTimes(1);
  });

  it('restarts the timer on incoming and outgoing data', () => {
    vi.useFakeTimers();
    const socket = asHttpSocket(fakeChannel() as unknown as ClientChannel);
    const onTimeout = vi.fn();
    socket.setTimeout(1000, onTimeout);
    vi.advanceTimersByTime(800);
    socket.push(Buffer.from('in'));
    vi.advanceTimersByTime(800);
    socket.write('out');
    vi.advanceTimersByTime(800);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('setTimeout(0) disarms and removes the callback', () => {
    vi.useFakeTimers();
    const socket = asHttpSocket(fakeChannel() as unknown as ClientChannel);
    const onTimeout = vi.fn();
    socket.setTimeout(1000, onTimeout);
    socket.setTimeout(0, onTimeout);
    vi.advanceTimersByTime(5000);
    expect(onTimeout).not.toHaveBeenCalled();
    expect(socket.listenerCount('timeout')).toBe(0);
  });

  it('reports destroyed and not writable once closed, and clears its timer', () => {
    vi.useFakeTimers();
    const socket = asHttpSocket(fakeChannel() as unknown as ClientChannel);
    const onTimeout = vi.fn();
    const seenByLaterListener: boolean[] = [];
    socket.setTimeout(1000, onTimeout);
    socket.on('close', () => seenByLaterListener.push(socket.writable, socket.destroyed));
    expect(socket.destroyed).toBe(false);
    socket.emit('close');
    expect(seenByLaterListener).toEqual([false, true]);
    vi.advanceTimersByTime(5000);
    expect(onTimeout).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
