import type { BrowserWindow, OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronFileChooser } from './file-dialog.js';

const window = {} as BrowserWindow;

function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const calls: Array<[BrowserWindow, OpenDialogOptions]> = [];
  return {
    calls,
    dialog: {
      showOpenDialog: async (parent: BrowserWindow, options: OpenDialogOptions) => {
        calls.push([parent, options]);
        return answer;
      },
    },
  };
}

describe('electronFileChooser', () => {
  it('opens a folder dialog for a certificate folder, modal to the window, from the typed path', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/op/certs'] });
    const choose = electronFileChooser(dialog, () => window);
    expect(await choose({ purpose: 'cert-folder', defaultPath: '/home/op' })).toBe('/home/op/certs');
    expect(calls[0]![0]).toBe(window);
    expect(calls[0]![1]).toMatchObject({ properties: ['openDirectory', 'showHiddenFiles'], defaultPath: '/home/op' });
  });

  it('opens a file dialog with PEM filters for a key, and answers null when cancelled', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true, filePaths: [] });
    expect(await electronFileChooser(dialog, () => window)({ purpose: 'key' })).toBeNull();
    expect(calls[0]![1].properties).toContain('openFile');
    expect(calls[0]![1].filters?.[0]?.extensions).toContain('pem');
    expect(calls[0]![1]).not.toHaveProperty('defaultPath');
  });

  it('answers null without a window to attach the dialog to', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/x'] });
    expect(await electronFileChooser(dialog, () => undefined)({ purpose: 'ssh-key' })).toBeNull();
    expect(calls).toHaveLength(0);
  });
});
