import { describe, expect, it, vi } from 'vitest';
import { invokeChannels, ipcInvokeName, ipcPushName, ipcReadyName } from '../../shared/contract.js';

const electron = vi.hoisted(() => {
  const pushListeners: Array<(event: unknown, message: unknown) => void> = [];
  const subscribed: string[] = [];
  const exposed: Array<[string, unknown]> = [];
  return {
    pushListeners,
    subscribed,
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.push([key, api])) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
      send: vi.fn(),
      on: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) => {
        subscribed.push(channel);
        if (channel === 'berth:push') pushListeners.push(listener);
      }),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../preload.js');

describe('the preload', () => {
  const [[key, berth]] = electron.exposed as [[string, Record<string, unknown>]];

  it('exposes exactly one object, berth, with invoke/on/ready and no ipcRenderer', () => {
    // (vitest clears mock call records between tests, so the calls made at import are kept in arrays.)
    expect(electron.exposed).toHaveLength(1);
    expect(key).toBe('berth');
    expect(Object.keys(berth).sort()).toEqual(['invoke', 'on', 'ready']);
    for (const value of Object.values(berth)) {
      expect(value).not.toBe(electron.ipcRenderer);
      expect(typeof value).toBe('function');
    }
    expect(JSON.stringify(Object.keys(berth))).not.toContain('ipcRenderer');
  });

  it('invokes only contract channels, on their IPC names', async () => {
    const bridge = berth as unknown as { invoke(channel: string, input: unknown): Promise<unknown> };
    for (const channel of invokeChannels) {
      await bridge.invoke(channel, { probe: channel });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcInvokeName(channel), { probe: channel });
    }
    electron.ipcRenderer.invoke.mockClear();
    for (const channel of ['berth:ready', 'electron-store-get-data', 'hosts:list:x', '__proto__']) {
      expect(await bridge.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers pushes of contract channels to their listeners only', () => {
    const bridge = berth as unknown as { on(channel: string, listener: (payload: unknown) => void): () => void };
    expect(electron.subscribed).toEqual([ipcPushName]);
    const seen: unknown[] = [];
    const off = bridge.on('hosts:changed', (payload) => seen.push(payload));
    const ignored = bridge.on('berth:secret-channel', (payload) => seen.push(payload));
    const push = electron.pushListeners[0]!;
    push({}, { channel: 'hosts:changed', payload: { hosts: [] } });
    push({}, { channel: 'host:status', payload: 'not listened to' });
    push({}, { channel: 'berth:secret-channel', payload: 'never' });
    push({}, 'garbage');
    expect(seen).toEqual([{ hosts: [] }]);
    off();
    ignored();
    push({}, { channel: 'hosts:changed', payload: { hosts: [] } });
    expect(seen).toHaveLength(1);
  });

  it('says ready on the ready channel', () => {
    (berth as unknown as { ready(): void }).ready();
    expect(electron.ipcRenderer.send).toHaveBeenCalledWith(ipcReadyName);
  });
});
