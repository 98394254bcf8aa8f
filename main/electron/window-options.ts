import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The one window's options: every renderer hardening flag on, spelled out so a test can prove it. */
export function mainWindowOptions(outDir: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: path.join(outDir, 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
