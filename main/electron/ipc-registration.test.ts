import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels, ipcInvokeName, ipcPushName, ipcReadyName } from '../../shared/contract.js';
import { BerthService } from '../core/app/berth-service.js';
import { FakeDaemon, TempDirs } from '../../test-support/service-fakes.js';
import { KnownHosts } from '../core/ssh/known-hosts.js';
import { MemoryProfileStore } from '../core/store/profile-store.js';
import { MemorySecretStore } from '../core/store/secret-store.js';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    handlers,
    listeners,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener)),
      removeListener: vi.fn((channel: string) => listeners.delete(channel)),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }));

const { isTrustedRendererUrl, registerIpc } = await import('./ipc-registration.js');

const FILE_URL = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html';

class FakeWebContents extends EventEmitter {
  readonly mainFrame = { url: FILE_URL };
  readonly send = vi.fn();
  isDestroyed = () => false;
}

function fakeWindow() {
  const webContents = new FakeWebContents();
  return { window: { webContents, isDestroyed: () => false } as unknown as BrowserWindow, webContents };
}

const temp = new TempDirs();
let service: BerthService;
let dispose: (() => void) | undefined;

beforeEach(() => {
  electron.handlers.clear();
  electron.listeners.clear();
  service = new BerthService({
    profiles: new MemoryProfileStore(),
    secrets: new MemorySecretStore(),
    knownHosts: new KnownHosts({ file: path.join(temp.make(), 'known_hosts') }),
    app: { version: '1.0.0', shell: 'electron' },
    testHooks: {
      connections: { openConnection: new FakeDaemon().open, heartbeatMs: 60_000 },
    },
  });
});

afterEach(async () => {
  dispose?.();
  dispose = undefined;
  await service.dispose();
  temp.cleanup();
});

function invoke(channel: string, sender: { sender: unknown; senderFrame: unknown }, input: unknown) {
  const handler = electron.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(sender, input) as Promise<unknown>;
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, and removes them again', () => {
    const { window } = fakeWindow();
    dispose = registerIpc(window, service, { fileUrl: FILE_URL });
    expect([...electron.handlers.keys()].sort()).toEqual(invokeChannels.map(ipcInvokeName).sort());
    expect(electron.listeners.has(ipcReadyName)).toBe(true);
    dispose();
    dispose = undefined;
    expect(electron.handlers.size).toBe(0);
    expect(electron.listeners.size).toBe(0);
  });

  it('delegates to the service, which refuses bad input with an INVALID_ARGUMENT envelope', async () => {
    const { window, webContents } = fakeWindow();
    dispose = registerIpc(window, service, { fileUrl: FILE_URL });
    const event = { sender: webContents, senderFrame: webContents.mainFrame };
    expect(await invoke(ipcInvokeName('hosts:list'), event, {})).toEqual({ ok: true, value: [] });
    for (const bad of [undefined, null, { hostId: '../../etc' }, { hostId: 'x', extra: 1 }]) {
      expect(await invoke(ipcInvokeName('hosts:remove'), event, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(
      await invoke(ipcInvokeName('hosts:save'), event, { draft: { id: 'x', name: 'x', transport: { type: 'tcp', host: 'h', port: -1 } } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('draft.transport.port') },
    });
  });

  it('refuses senders that are not the main window, not its top frame, or not the trusted page', async () => {
    const { window, webContents } = fakeWindow();
    dispose = registerIpc(window, service, { fileUrl: FILE_URL });
    const other = new FakeWebContents();
    const refused = { ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Refused') } };
    expect(await invoke(ipcInvokeName('hosts:list'), { sender: other, senderFrame: other.mainFrame }, {})).toMatchObject(refused);
    expect(await invoke(ipcInvokeName('hosts:list'), { sender: webContents, senderFrame: { url: FILE_URL } }, {})).toMatchObject(refused);
    expect(await invoke(ipcInvokeName('hosts:list'), { sender: webContents, senderFrame: null }, {})).toMatchObject(refused);
    webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(ipcInvokeName('hosts:list'), { sender: webContents, senderFrame: webContents.mainFrame }, {})).toMatchObject(
      refused,
    );
  });

  it('queues pushes until the window says ready, then sends {channel, payload} on berth:push', async () => {
    const { window, webContents } = fakeWindow();
    dispose = registerIpc(window, service, { fileUrl: FILE_URL });
    const event = { sender: webContents, senderFrame: webContents.mainFrame };
    await invoke(ipcInvokeName('hosts:save'), event, { draft: { id: 'h1', name: 'h1', transport: { type: 'tcp', host: '127.0.0.1' } } });
    expect(webContents.send).not.toHaveBeenCalled();
    electron.listeners.get(ipcReadyName)?.({ sender: new FakeWebContents(), senderFrame: { url: FILE_URL } });
    expect(webContents.send).not.toHaveBeenCalled();
    electron.listeners.get(ipcReadyName)?.(event);
    await vi.waitFor(() =>
      expect(webContents.send).toHaveBeenCalledWith(ipcPushName, {
        channel: 'host:snapshot',
        payload: expect.objectContaining({ hostId: 'h1' }),
      }),
    );
    const channels = webContents.send.mock.calls.map(([name, message]) => [name, (message as { channel: string }).channel]);
    expect(channels.every(([name]) => name === ipcPushName)).toBe(true);
    // A reload queues again until the new page is ready.
    webContents.send.mockClear();
    webContents.emit('did-navigate');
    await invoke(ipcInvokeName('hosts:refresh'), event, { hostId: 'h1' });
    expect(webContents.send).not.toHaveBeenCalled();
  });
});

describe('isTrustedRendererUrl', () => {
  it('trusts the packaged page and the dev server only', () => {
    const trusted = { fileUrl: FILE_URL, devServerOrigin: 'http://localhost:5173' };
    expect(isTrustedRendererUrl(`${FILE_URL}#/hosts`, trusted)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', trusted)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', trusted)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5174/', trusted)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { fileUrl: FILE_URL })).toBe(false);
    expect(isTrustedRendererUrl('not a url', trusted)).toBe(false);
  });
});
