import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, session } from 'electron';
import type { BerthService } from '../core/app/berth-service.js';
import { createAppService } from '../core/app/create-service.js';
import { showAlertNotification } from './alert-notifications.js';
import { formatCrashReport, installCrashHandler } from '../core/app/crash-report.js';
import { type TrustedRenderer, registerIpc } from './ipc-registration.js';
import { ContextFileOpening, contextFilesInArgv, watchContextFiles } from './context-file-opening.js';
import { openElectronStore } from './electron-store-opener.js';
import { electronFileChooser } from './file-dialog.js';
import { openSecretStore } from './secret-storage.js';
import { hardenSession, hardenWebContents } from './security.js';
import { createMainWindow } from './window-options.js';

// The Electron shell stays thin: everything with logic lives in main/core and is tested without Electron.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererFile = path.join(outDir, 'renderer', 'index.html');
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const trusted: TrustedRenderer = {
  fileUrl: pathToFileURL(rendererFile).href,
  ...(devServerUrl ? { devServerOrigin: devServerUrl } : {}),
};

let service: BerthService | undefined;
let unregister: (() => void) | undefined;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

// `.dockercontext` files opened with Berth (argv now or of a second start, macOS open-file at any
// time, even before ready) wait here until the service can import them.
const contextFiles = new ContextFileOpening();
watchContextFiles(app, contextFiles, path.resolve);
contextFiles.open(contextFilesInArgv(process.argv.slice(1), process.cwd(), path.resolve));

// A bug that reaches the top of the main process ends it with a crash report scrubbed of every secret.
const crashMeta = { app: 'Berth', version: app.getVersion(), shell: 'electron' } as const;
installCrashHandler({
  meta: crashMeta,
  secrets: () => service?.secretsForScrubbing() ?? [],
  dir: path.join(app.getPath('userData'), 'crash-reports'),
  exit: (code) => app.exit(code),
});

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

function createWindow(berth: BerthService): BrowserWindow {
  const window = createMainWindow(outDir);
  unregister?.();
  unregister = registerIpc(window, berth, trusted);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    unregister?.();
    unregister = undefined;
  });
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const dataDir = app.getPath('userData');
  const { secrets, warnings } = await openSecretStore(dataDir);
  const berth = await createAppService({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    secrets,
    warnings,
    storeOpener: openElectronStore,
    chooseFile: electronFileChooser(dialog, () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]),
    notify: (alert) =>
      showAlertNotification(alert, () => {
        const [window] = BrowserWindow.getAllWindows();
        if (window?.isMinimized()) window.restore();
        window?.focus();
      }),
  });
  service = berth;
  createWindow(berth);
  contextFiles.attach(berth);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(berth);
  });
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
}

void app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    process.stderr.write(
      `Berth could not start.\n${formatCrashReport('uncaught exception', error, service?.secretsForScrubbing() ?? [], crashMeta)}`,
    );
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close every connection, tunnel and timer before the process goes.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !service) return;
  quitting = true;
  event.preventDefault();
  const closing = service;
  service = undefined;
  void closing.dispose().finally(() => app.quit());
});
