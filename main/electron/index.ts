import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, session } from 'electron';
import { mainWindowOptions } from './window-options.js';

// The Electron shell stays thin: everything with logic lives in main/core and is tested without Electron.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(outDir));
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadFile(path.join(outDir, 'renderer', 'index.html'));
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
