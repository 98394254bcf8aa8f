import type { BerthBridge } from '../../shared/contract.js';
import { type BridgeLocation, type ShellTokenScope, createWebSocketBridge, takeShellToken } from './ws-bridge.js';

let socketBridge: BerthBridge | undefined;

/**
 * The bridge to the main side: `window.berth` when the Electron preload exposed it, otherwise
 * (the page was served by the browser shell) one shared WebSocket bridge to the page's origin.
 */
export function getBridge(): BerthBridge {
  const scope = globalThis as unknown as { berth?: BerthBridge; location: BridgeLocation } & ShellTokenScope;
  if (scope.berth) return scope.berth;
  if (!socketBridge) {
    const token = takeShellToken(scope);
    socketBridge = createWebSocketBridge(scope.location, token === undefined ? {} : { token });
  }
  return socketBridge;
}
