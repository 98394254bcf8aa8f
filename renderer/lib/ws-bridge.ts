import type {
  BerthBridge,
  InvokeChannel,
  InvokeInput,
  InvokeReply,
  PushChannel,
  PushEvents,
  WireClientMessage,
  WireServerMessage,
  wsPath,
  wsProtocol,
  wsTokenProtocolPrefix,
} from '../../shared/contract.js';
import type { ErrorEnvelope } from '../../shared/errors.js';

/** The parts of `window.location` the bridge reads. */
export interface BridgeLocation {
  protocol: string;
  host: string;
}

/** What the bridge needs of a WebSocket (the browser's, or the `ws` package's in tests). */
export interface BridgeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebSocketBridgeOptions {
  /** The browser shell's access token (see takeShellToken), offered as the `berth-token.<token>` subprotocol. */
  token?: string;
  /** Default: the global WebSocket. */
  createSocket?: (url: string, protocols: string[]) => BridgeSocket;
  /** First reconnect delay; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export interface WebSocketBridge extends BerthBridge {
  /** Closes the socket for good; pending and later invokes fail with an envelope. */
  close(): void;
}

const SOCKET_PATH: typeof wsPath = '/ws';
const PROTOCOL: typeof wsProtocol = 'berth';
const TOKEN_PREFIX: typeof wsTokenProtocolPrefix = 'berth-token.';
const OPEN = 1;
/** sessionStorage is scoped to the origin, port included (unlike cookies), and survives a reload. */
export const shellTokenStorageKey = 'berth.shell-token';

/** What a page opened without the token says: where the URL with the token comes from. */
export function shellTokenMissingMessage(host: string): string {
  return `This page has no access token. Open the URL that “npm run serve” or “berth serve” printed when it started (http://${host}/#token=…); the tab that opens it keeps the token until it is closed.`;
}

/** Where takeShellToken looks: the page's location, history and sessionStorage (fakes in tests). */
export interface ShellTokenScope {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The browser shell's access token. The printed URL carries it in the fragment (`#token=…`),
 * which browsers never send to a server; it is read once, kept in sessionStorage so a reload
 * still works, and removed from the address bar (and the history entry) at once.
 */
export function takeShellToken(scope: ShellTokenScope): string | undefined {
  const fromUrl = new URLSearchParams(scope.location.hash.replace(/^#/, '')).get('token') ?? undefined;
  if (fromUrl !== undefined) {
    scope.history.replaceState(scope.history.state, '', `${scope.location.pathname}${scope.location.search}`);
    try {
      scope.sessionStorage?.setItem(shellTokenStorageKey, fromUrl);
    } catch {
      // Storage turned off: the token lives in this page only, and a reload needs the printed URL again.
    }
    return fromUrl;
  }
  try {
    return scope.sessionStorage?.getItem(shellTokenStorageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser shell's BerthBridge: the contract over one WebSocket to the page's own origin,
 * authenticated by the token offered as a subprotocol (`berth` plus `berth-token.<token>`).
 * Invokes made while the socket connects wait for it; when it drops, every pending invoke
 * resolves with a CONNECTION_RESET envelope, the socket reconnects with backoff, and `ready`
 * is sent again so the server replays the current state.
 */
export function createWebSocketBridge(location: BridgeLocation, options: WebSocketBridgeOptions = {}): WebSocketBridge {
  const createSocket =
    options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as BridgeSocket);
  const protocols = options.token ? [PROTOCOL, `${TOKEN_PREFIX}${options.token}`] : [PROTOCOL];
  const firstDelay = options.reconnectDelayMs ?? 500;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const url = socketUrl(location);
  const listeners = new Map<PushChannel, Set<(payload: never) => void>>();
  const pending = new Map<number, (reply: InvokeReply<InvokeChannel>) => void>();
  let outbox: string[] = [];
  let socket: BridgeSocket | undefined;
  let connecting = false;
  let isReady = false;
  let closed = false;
  let nextId = 1;
  let delay = firstDelay;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last socket closed before it opened: refused (a stale token after a restart) or nobody listening. */
  let refused = false;

  const fail = (resolve: (reply: InvokeReply<InvokeChannel>) => void, error: ErrorEnvelope) => resolve({ ok: false, error });
  const lost = (): ErrorEnvelope =>
    options.token === undefined
      ? {
          code: 'SHELL_TOKEN_MISSING',
          message: shellTokenMissingMessage(location.host),
        }
      : {
          code: 'CONNECTION_RESET',
          message: closed
            ? 'The connection to Berth is closed.'
            : refused
              ? 'Berth did not accept the connection. If it was restarted, open the URL it printed this time (each start has a new access token); otherwise it is not running. Retrying.'
              : 'The connection to Berth was lost. Reconnecting; try again in a moment.',
        };

  function connect(): void {
    if (closed) return;
    connecting = true;
    const current = createSocket(url, protocols);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      connecting = false;
      delay = firstDelay;
      const queued = outbox;
      outbox = [];
      if (isReady) current.send(JSON.stringify({ type: 'ready' } satisfies WireClientMessage));
      for (const text of queued) current.send(text);
    });
    current.addEventListener('message', (event) => {
      if (socket === current && typeof event.data === 'string') receive(event.data);
    });
    current.addEventListener('close', () => {
      if (socket === current) dropped();
    });
    current.addEventListener('error', () => {
      if (socket === current) dropped();
    });
  }

  function dropped(): void {
    refused = connecting;
    socket = undefined;
    connecting = false;
    const waiting = [...pending.values()];
    pending.clear();
    outbox = [];
    for (const resolve of waiting) fail(resolve, lost());
    if (closed) return;
    retryTimer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, maxDelay);
  }

  function receive(text: string): void {
    let message: WireServerMessage;
    try {
      message = JSON.parse(text) as WireServerMessage;
    } catch {
      return;
    }
    if (message.type === 'reply' && typeof message.id === 'number') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.reply);
    } else if (message.type === 'push') {
      for (const listener of listeners.get(message.channel) ?? []) {
        try {
          (listener as (payload: unknown) => void)(message.payload);
        } catch (error) {
          console.error(`A listener of ${message.channel} failed`, error);
        }
      }
    }
  }

  function transmit(text: string): boolean {
    if (socket && socket.readyState === OPEN) {
      socket.send(text);
      return true;
    }
    if (connecting) {
      outbox.push(text);
      return true;
    }
    return false;
  }

  // Without a token the server refuses the socket: say how to get one instead of retrying forever.
  if (options.token === undefined) closed = true;
  else connect();

  return {
    invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeReply<C>> {
      return new Promise<InvokeReply<C>>((resolve) => {
        const settle = resolve as (reply: InvokeReply<InvokeChannel>) => void;
        if (closed) return fail(settle, lost());
        const id = nextId++;
        let text: string;
        try {
          text = JSON.stringify({ id, type: 'invoke', channel, input } satisfies WireClientMessage);
        } catch {
          return fail(settle, { code: 'INVALID_ARGUMENT', message: `The input of ${channel} cannot be sent (it is not plain data).` });
        }
        pending.set(id, settle);
        if (!transmit(text)) {
          pending.delete(id);
          fail(settle, lost());
        }
      });
    },
    on<P extends PushChannel>(channel: P, listener: (payload: PushEvents[P]) => void): () => void {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
    ready(): void {
      if (isReady) return;
      isReady = true;
      transmit(JSON.stringify({ type: 'ready' } satisfies WireClientMessage));
    },
    close(): void {
      closed = true;
      clearTimeout(retryTimer);
      const current = socket;
      dropped();
      current?.close();
    },
  };
}

function socketUrl(location: BridgeLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${SOCKET_PATH}`;
}
