import { WebSocket } from 'ws';
import { wsProtocol, wsTokenProtocolPrefix } from '../../shared/contract.js';
import type { ShellServer } from '../../main/shell/shell-server.js';

/** The subprotocols the page offers when it opens the shell's WebSocket: `berth` and the token. */
export function shellProtocols(token: string): string[] {
  return [wsProtocol, `${wsTokenProtocolPrefix}${token}`];
}

/** A WebSocket to a running shell as its page opens one: its Origin, the token as a subprotocol. */
export function shellSocket(server: Pick<ShellServer, 'port' | 'token'>): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${server.port}/ws`, shellProtocols(server.token), { origin: `http://127.0.0.1:${server.port}` });
}
