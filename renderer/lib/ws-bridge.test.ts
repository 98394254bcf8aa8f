import { describe, expect, it } from 'vitest';
import { type BridgeSocket, type ShellTokenScope, createWebSocketBridge, shellTokenStorageKey, takeShellToken } from './ws-bridge';

function scopeAt(hash: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [[shellTokenStorageKey, stored]] : []);
  const replaced: string[] = [];
  const scope: ShellTokenScope = {
    location: { hash, pathname: '/', search: '?view=fleet' },
    history: { state: { kept: true }, replaceState: (_state, _unused, url) => void replaced.push(url) },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { scope, storage, replaced };
}

describe('takeShellToken', () => {
  it('reads the token from the fragment once, keeps it in sessionStorage and clears the address bar', () => {
    const { scope, storage, replaced } = scopeAt('#token=abc_DEF-123');
    expect(takeShellToken(scope)).toBe('abc_DEF-123');
    expect(storage.get(shellTokenStorageKey)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/?view=fleet']);
  });

  it('after a reload (no fragment) uses the stored token and leaves the address bar alone', () => {
    const { scope, replaced } = scopeAt('', 'stored');
    expect(takeShellToken(scope)).toBe('stored');
    expect(replaced).toEqual([]);
  });

  it('has no token without either, and survives storage that throws', () => {
    expect(takeShellToken(scopeAt('').scope)).toBeUndefined();
    const { scope } = scopeAt('#token=t');
    const failing = () => {
      throw new Error('SecurityError');
    };
    const blocked: ShellTokenScope = { ...scope, sessionStorage: { getItem: failing, setItem: failing } };
    expect(takeShellToken(blocked)).toBe('t');
    expect(takeShellToken({ ...blocked, location: { ...blocked.location, hash: '' } })).toBeUndefined();
  });
});

/** A socket whose events the test fires itself (here: a close before it ever opened). */
function socketThatNeverOpens() {
  const listeners = new Map<string, () => void>();
  const socket = {
    readyState: 0,
    send: () => undefined,
    close: () => undefined,
    addEventListener: (type: string, listener: () => void) => void listeners.set(type, listener),
  } as unknown as BridgeSocket;
  return { socket, listeners };
}

describe('createWebSocketBridge', () => {
  it('offers the token as a subprotocol, never in the URL', () => {
    const opened: Array<{ url: string; protocols: string[] }> = [];
    const socket: BridgeSocket = { readyState: 0, send: () => undefined, close: () => undefined, addEventListener: () => undefined };
    const bridge = createWebSocketBridge(
      { protocol: 'http:', host: '127.0.0.1:4000' },
      {
        token: 'secret',
        createSocket: (url, protocols) => {
          opened.push({ url, protocols });
          return socket;
        },
      },
    );
    bridge.close();
    expect(opened).toEqual([{ url: 'ws://127.0.0.1:4000/ws', protocols: ['berth', 'berth-token.secret'] }]);
  });

  it('says a refused socket may carry the token of an earlier start', async () => {
    const { socket, listeners } = socketThatNeverOpens();
    const bridge = createWebSocketBridge(
      { protocol: 'http:', host: '127.0.0.1:4000' },
      { token: 'old', createSocket: () => socket, reconnectDelayMs: 60_000 },
    );
    const reply = bridge.invoke('hosts:list', {});
    listeners.get('close')?.();
    expect(await reply).toMatchObject({
      ok: false,
      error: { code: 'CONNECTION_RESET', message: expect.stringContaining('new access token') },
    });
    bridge.close();
  });

  it('without a token, answers with its own code and says which URL to open instead of retrying', async () => {
    const { socket, listeners } = socketThatNeverOpens();
    const bridge = createWebSocketBridge(
      { protocol: 'http:', host: '127.0.0.1:4000' },
      { createSocket: () => socket, reconnectDelayMs: 60_000 },
    );
    const reply = bridge.invoke('hosts:list', {});
    listeners.get('close')?.();
    const settled = await reply;
    expect(settled).toEqual({
      ok: false,
      error: {
        code: 'SHELL_TOKEN_MISSING',
        message: expect.stringMatching(
          /^This page has no access token\. Open the URL that “npm run serve” or “berth serve” printed .*http:\/\/127\.0\.0\.1:4000\/#token=/,
        ),
      },
    });
    bridge.close();
  });
});
