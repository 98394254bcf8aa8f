import { type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { type InvokeReply, type InvokeChannel, invokeChannels, ipcInvokeName, ipcPushName, ipcReadyName } from '../../shared/contract.js';
import type { BerthClient } from '../core/app/berth-service.js';
import type { AnyPushMessage } from '../core/app/push-queue.js';

/** What IPC needs of BerthService (which validates every input itself). */
export interface IpcService {
  invoke(channel: unknown, input: unknown): Promise<InvokeReply<InvokeChannel>>;
  attachClient(sink: (message: AnyPushMessage) => void): BerthClient;
}

/** Where the renderer may be loaded from: the packaged index.html, or the dev server in `npm run dev`. */
export interface TrustedRenderer {
  /** The exact file:// URL of out/renderer/index.html. */
  fileUrl: string;
  /** The dev server's origin (ELECTRON_RENDERER_URL), only in development. */
  devServerOrigin?: string;
}

const REFUSED: InvokeReply<InvokeChannel> = {
  ok: false,
  error: { code: 'INVALID_ARGUMENT', message: "Refused: the request did not come from Berth's own window." },
};

export function isTrustedRendererUrl(url: string, trusted: TrustedRenderer): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(trusted.fileUrl);
    return parsed.pathname === expected.pathname && parsed.host === expected.host;
  }
  return trusted.devServerOrigin !== undefined && parsed.origin === new URL(trusted.devServerOrigin).origin;
}

/**
 * One `ipcMain.handle` per contract channel, each answering only the main window's top frame
 * loaded from the trusted renderer URL, and delegating to the service (which validates the
 * input and always answers with an envelope). Pushes go to that window as
 * `{channel, payload}` on `berth:push`, queued until the renderer sends `berth:ready`.
 * Returns a disposer that removes the handlers and detaches the window.
 */
export function registerIpc(window: BrowserWindow, service: IpcService, trusted: TrustedRenderer): () => void {
  const contents = window.webContents;
  const fromMainWindow = (event: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    if (window.isDestroyed() || event.sender !== contents) return false;
    const frame = event.senderFrame;
    return frame !== null && frame === contents.mainFrame && isTrustedRendererUrl(frame.url, trusted);
  };

  const client = service.attachClient(({ channel, payload }) => {
    if (!window.isDestroyed() && !contents.isDestroyed()) contents.send(ipcPushName, { channel, payload });
  });

  for (const channel of invokeChannels) {
    ipcMain.handle(ipcInvokeName(channel), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!fromMainWindow(event)) return REFUSED;
      return client.invoke(channel, input);
    });
  }

  // A ready from the (re)loaded page replays the current state, then pushes flow directly.
  const onReady = (event: IpcMainEvent) => {
    if (!fromMainWindow(event)) return;
    client.reset();
    client.ready();
  };
  ipcMain.on(ipcReadyName, onReady);
  // A reload or navigation: queue again until the new page says it is ready.
  const onNavigate = () => client.reset();
  contents.on('did-navigate', onNavigate);

  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(ipcInvokeName(channel));
    ipcMain.removeListener(ipcReadyName, onReady);
    if (!contents.isDestroyed()) contents.removeListener('did-navigate', onNavigate);
    client.detach();
  };
}
