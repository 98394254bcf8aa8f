import path from 'node:path';
import { BrowserWindow } from 'electron';

/**
 * Berth's one window, with every renderer hardening flag spelled out as a literal right at the
 * `new BrowserWindow(...)` call, so a test and electronegativity (which reads only literals at
 * the constructor) can both prove them.
 */
export function createMainWindow(outDir: string): BrowserWindow {
  return new BrowserWindow({
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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click (auxclick) must not open links: no new windows, by any button.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
