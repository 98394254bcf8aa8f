import type { BrowserWindow, OpenDialogOptions } from 'electron';
import type { PathPurpose } from '../../shared/host-setup-contract.js';
import type { FileChooser } from '../core/app/host-setup-service.js';

/** The slice of Electron's `dialog` used here. */
export interface OpenDialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const pem = { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] };
const anyFile = { name: 'All files', extensions: ['*'] };

const dialogs: Record<PathPurpose, OpenDialogOptions> = {
  ca: { title: 'Choose the CA certificate (ca.pem)', properties: ['openFile', 'showHiddenFiles'], filters: [pem, anyFile] },
  cert: { title: 'Choose the client certificate (cert.pem)', properties: ['openFile', 'showHiddenFiles'], filters: [pem, anyFile] },
  key: { title: 'Choose the client key (key.pem)', properties: ['openFile', 'showHiddenFiles'], filters: [pem, anyFile] },
  'ssh-key': { title: 'Choose the SSH private key', properties: ['openFile', 'showHiddenFiles'] },
  'cert-folder': {
    title: 'Choose the certificate folder (ca.pem, cert.pem, key.pem)',
    properties: ['openDirectory', 'showHiddenFiles'],
  },
};

/**
 * files:choose in the desktop app: Electron's open dialog, modal to Berth's window. The renderer
 * only names the purpose (validated by the contract); the title, filters and kind come from here.
 */
export function electronFileChooser(dialog: OpenDialog, window: () => BrowserWindow | undefined): FileChooser {
  return async ({ purpose, defaultPath }) => {
    const parent = window();
    if (!parent) return null;
    const result = await dialog.showOpenDialog(parent, { ...dialogs[purpose], ...(defaultPath ? { defaultPath } : {}) });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
