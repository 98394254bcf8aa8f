import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  BrowserWindow: vi.fn(function (this: { options: unknown }, options: unknown) {
    this.options = options;
  }),
}));
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { createMainWindow } = await import('./window-options.js');

describe('createMainWindow', () => {
  it('turns on every renderer hardening flag and points at the CommonJS preload', () => {
    createMainWindow('/app/out');
    const options = electron.BrowserWindow.mock.calls[0]![0] as Electron.BrowserWindowConstructorOptions;
    const { webPreferences, show } = options;
    expect(show).toBe(false);
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(webPreferences?.preload).toBe('/app/out/preload/preload.cjs');
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences).not.toHaveProperty('additionalArguments');
  });
});
