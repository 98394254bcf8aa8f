import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BerthBridge, InvokeChannel, InvokeReply, PushChannel } from '../shared/contract.js';
// Names only: shared/ipc.ts has no dependencies, so the sandboxed preload bundles to one file (no require but electron).
import { invokeChannelNames, ipcInvokeName, ipcPushName, ipcReadyName, pushChannelNames } from '../shared/ipc.js';

/**
 * window.berth: the contract's invoke / on / ready over IPC, and nothing else. ipcRenderer never
 * crosses the bridge; only the contract's channel names are ever sent or listened to.
 */
const invokable = new Set<string>(invokeChannelNames);
const pushable = new Set<string>(pushChannelNames);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(ipcPushName, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { channel, payload } = message as { channel?: unknown; payload?: unknown };
  if (typeof channel !== 'string' || !pushable.has(channel)) return;
  for (const listener of listeners.get(channel) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`A listener of ${channel} failed`, error);
    }
  }
});

const berth: BerthBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !invokable.has(channel)) {
      const reply: InvokeReply<InvokeChannel> = {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `There is no channel "${String(channel).slice(0, 80)}".` },
      };
      return Promise.resolve(reply) as never;
    }
    return ipcRenderer.invoke(ipcInvokeName(channel), input);
  },
  on(channel, listener) {
    if (typeof channel !== 'string' || !pushable.has(channel) || typeof listener !== 'function') return () => undefined;
    let set = listeners.get(channel);
    if (!set) listeners.set(channel as PushChannel, (set = new Set()));
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => void set.delete(entry);
  },
  ready() {
    ipcRenderer.send(ipcReadyName);
  },
};

contextBridge.exposeInMainWorld('berth', berth);
