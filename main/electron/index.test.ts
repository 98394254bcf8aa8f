import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { invokeChannels, ipcInvokeName } from '../../shared/contract.js';

// The whole main process, booted against a mocked electron: what gets wired to what.
const electron = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const userData = mkdtempSync(join(tmpdir(), 'berth-userdata-'));
  const windows: Array<{ options: unknown; webContents: unknown; loadFile: ReturnType<typeof vi.fn>; loadURL: ReturnType<typeof vi.fn> }> =
    [];
  const handled: string[] = [];
  const hardened: string[] = [];
  class FakeWebContents extends Emitter {
    mainFrame = { url: '' };
    send = vi.fn();
    setWindowOpenHandler = vi.fn();
    isDestroyed = () => false;
  }
  class BrowserWindow extends Emitter {
    static getAllWindows = () => windows;
    static getFocusedWindow = () => windows[0];
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn(async () => undefined);
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    isDestroyed = () => false;
    show = vi.fn();
  }
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? userData : '/nonexistent'),
    getVersion: () => '1.2.3',
    isPackaged: true,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(() => hardened.push('permissions')),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn(() => hardened.push('csp')) },
    },
  };
  const ipcMain = { handle: (channel: string) => handled.push(channel), removeHandler: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
  const safeStorage = { isAsyncEncryptionAvailable: async () => false };
  const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) };
  return {
    userData,
    windows,
    handled,
    hardened,
    app,
    BrowserWindow,
    session,
    ipcMain,
    safeStorage,
    dialog,
    shell: { openExternal: vi.fn() },
  };
});
// electron-store imports Electron's default export, the shell its named ones.
vi.mock('electron', () => ({ default: electron, ...electron }));

afterAll(() => rmSync(electron.userData, { recursive: true, force: true }));

describe('the Electron main process', () => {
  it('hardens the session, opens one hardened window on the packaged renderer, wires IPC, and disposes on quit', async () => {
    await import('./index.js');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.hardened).toEqual(['permissions', 'csp']);
    const [window] = electron.windows;
    expect(window?.options).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(window?.loadFile).toHaveBeenCalledWith(expect.stringMatching(/out[\\/]renderer[\\/]index\.html$|renderer[\\/]index\.html$/));
    expect(electron.handled.sort()).toEqual(invokeChannels.map(ipcInvokeName).sort());

    // A .dockercontext file opened on macOS is claimed (and imported by the service).
    const openFile = { preventDefault: vi.fn() };
    electron.app.emit('open-file', openFile, '/nonexistent/berth-test.dockercontext');
    expect(openFile.preventDefault).toHaveBeenCalled();
    expect(electron.app.listenerCount('second-instance')).toBeGreaterThanOrEqual(1);

    // Every web contents gets the navigation guards.
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);

    const quit = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
  }, 30_000); // booting the whole main process imports every module once: seconds on a loaded machine
});
