// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, createHarness, fakeLayout, renderApp } from '../../test/render-app';
import { HostFormDialog } from './host-form-dialog';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

async function openAddHost(harness?: Awaited<ReturnType<typeof renderApp>>) {
  const app = harness ?? (await renderApp());
  fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
  return { ...app, dialog: screen.getByRole('dialog', { name: 'Add host' }) };
}

async function openTlsTab() {
  const opened = await openAddHost();
  fireEvent.click(within(opened.dialog).getByRole('tab', { name: 'TLS' }));
  return opened;
}

const folderField = (dialog: HTMLElement) => within(dialog).getByRole('combobox', { name: 'Certificate folder' });
const pathOf = (dialog: HTMLElement, label: string) => (within(dialog).getByLabelText(label) as HTMLInputElement).value;

describe('the certificate folder and path completion (browser shell)', { timeout: 20_000 }, () => {
  it('completes a typed path from main, opens folders, and fills the three files from a complete folder', async () => {
    const { dialog, bridge } = await openTlsTab();
    const invoke = vi.spyOn(bridge, 'invoke');
    expect(within(dialog).queryByRole('button', { name: 'Browse…' })).toBeNull();
    fireEvent.change(folderField(dialog), { target: { value: '~/ce' } });
    const list = await screen.findByRole('listbox', { name: /Certificate folder: matching entries/ });
    expect(invoke).toHaveBeenCalledWith('files:complete', { prefix: '~/ce', foldersOnly: true });
    expect(
      within(list)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['▸certsfolder']);
    fireEvent.keyDown(folderField(dialog), { key: 'Enter' });
    expect((folderField(dialog) as HTMLInputElement).value).toBe('/home/operator/certs/');
    // The folder opened into its entries.
    await waitFor(() =>
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['▸prod-apifolder', '▸stagingfolder']),
    );
    fireEvent.keyDown(folderField(dialog), { key: 'ArrowDown' });
    fireEvent.keyDown(folderField(dialog), { key: 'Enter' });
    expect((folderField(dialog) as HTMLInputElement).value).toBe('/home/operator/certs/staging/');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Use folder' }));
    });
    const refusal = within(dialog).getByRole('alert');
    expect(refusal.textContent).toContain('CERT_FOLDER_INCOMPLETE');
    expect(refusal.textContent).toContain('has no key.pem');

    fireEvent.change(folderField(dialog), { target: { value: '/home/operator/certs/prod-api' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Use folder' }));
    });
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(pathOf(dialog, 'CA certificate file')).toBe('/home/operator/certs/prod-api/ca.pem');
    expect(pathOf(dialog, 'Client certificate file')).toBe('/home/operator/certs/prod-api/cert.pem');
    expect(pathOf(dialog, 'Client key file')).toBe('/home/operator/certs/prod-api/key.pem');
  });

  it('lists hidden entries only when the typed name starts with a dot, and says when a folder does not exist', async () => {
    const { dialog } = await openTlsTab();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'CA certificate file' }), { target: { value: '~/' } });
    let list = await screen.findByRole('listbox');
    expect(within(list).queryByText('.ssh')).toBeNull();
    expect(within(list).getByText('notes.txt')).toBeTruthy();
    // Esc closes the list, not the dialog.
    fireEvent.keyDown(within(dialog).getByRole('combobox', { name: 'CA certificate file' }), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Add host' })).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'CA certificate file' }), { target: { value: '~/.s' } });
    await waitFor(() => expect(within(screen.getByRole('listbox')).getByText('.ssh')).toBeTruthy());
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'CA certificate file' }), { target: { value: '/nowhere/x' } });
    list = await screen.findByText(/\/nowhere\/ cannot be listed: it does not exist/);
    expect(list).toBeTruthy();
  });
});

describe('the file dialog (Electron)', { timeout: 20_000 }, () => {
  it('offers Browse… and fills the files from the chosen certificate folder', async () => {
    const harness = await renderApp();
    harness.store.setAppInfo({ ...harness.store.getState().appInfo!, shell: 'electron' });
    const answer = harness.bridge.invoke.bind(harness.bridge);
    const invoke = vi.spyOn(harness.bridge, 'invoke').mockImplementation((async (channel: string, input: never) => {
      if (channel === 'files:choose') return { ok: true, value: { path: '/home/operator/certs/prod-api' } };
      return answer(channel as never, input);
    }) as typeof harness.bridge.invoke);
    const { dialog } = await openAddHost(harness);
    fireEvent.click(within(dialog).getByRole('tab', { name: 'TLS' }));
    const folder = within(dialog).getByRole('group', { name: 'Certificate folder' });
    await act(async () => {
      fireEvent.click(within(folder).getByRole('button', { name: 'Browse…' }));
    });
    expect(invoke).toHaveBeenCalledWith('files:choose', { purpose: 'cert-folder' });
    await waitFor(() => expect(pathOf(dialog, 'Client key file')).toBe('/home/operator/certs/prod-api/key.pem'));
    expect((within(folder).getByRole('textbox', { name: 'Certificate folder' }) as HTMLInputElement).value).toBe(
      '/home/operator/certs/prod-api',
    );
  });
});

describe('docker contexts', { timeout: 20_000 }, () => {
  it('Add host lists the contexts, the current one marked and SkipTLSVerify refused; Use fills the form', async () => {
    const { dialog } = await openAddHost();
    const rows = await within(dialog).findByRole('list', { name: 'Docker contexts' });
    const prod = within(rows).getByRole('listitem', { name: 'Docker context prod-tls' });
    expect(within(prod).getByText('current')).toBeTruthy();
    expect(within(prod).getByText('TLS, verified')).toBeTruthy();
    const insecure = within(rows).getByRole('listitem', { name: 'Docker context legacy-insecure' });
    expect(insecure.textContent).toMatch(/Refused:.*SkipTLSVerify.*CONTEXT_SKIPS_TLS_VERIFY/);
    expect(within(insecure).queryByRole('button')).toBeNull();
    fireEvent.click(within(prod).getByRole('button', { name: 'Use' }));
    expect(within(dialog).getByRole('tab', { name: 'TLS' }).getAttribute('aria-selected')).toBe('true');
    expect((within(dialog).getByRole('textbox', { name: /^Name/ }) as HTMLInputElement).value).toBe('prod-tls');
    expect(pathOf(dialog, 'CA certificate file')).toMatch(/\.docker\/contexts\/tls\/.*\/docker\/ca\.pem$/);
    expect((folderField(dialog) as HTMLInputElement).value).toMatch(/\/docker$/);
  });

  it('first start offers the contexts and adds one as a host in one click', async () => {
    const harness = await renderApp({ scenario: 'first-start' });
    const rows = await screen.findByRole('list', { name: 'Docker contexts' });
    await act(async () => {
      fireEvent.click(
        within(within(rows).getByRole('listitem', { name: 'Docker context build-ssh' })).getByRole('button', { name: 'Add' }),
      );
    });
    await waitFor(() => expect(harness.store.getState().hosts.map((host) => host.profile.name)).toEqual(['build-ssh']));
    expect(harness.store.getState().selectedHostId).toBe('build-ssh-demo');
  });
});

describe('editing a host', () => {
  it('shows the endpoint URL', async () => {
    const harness = createHarness();
    await harness.store.start();
    const host = harness.store.getState().hosts.find((each) => each.profile.transport.type === 'ssh')!;
    render(harness.wrap(<HostFormDialog host={host} onClose={() => undefined} />));
    const transport = host.profile.transport as { user: string; host: string; port: number };
    expect(screen.getByLabelText('Endpoint').textContent).toBe(`Endpoint ssh://${transport.user}@${transport.host}:${transport.port}`);
  });
});

describe('notices from main', () => {
  it('shows an opened .dockercontext file that could not be added, until dismissed', async () => {
    const { bridge } = await renderApp();
    act(() =>
      bridge.push('app:notice', {
        kind: 'context-import-failed',
        message: 'Could not add a host from /tmp/x.dockercontext',
        error: { code: 'CONTEXT_INVALID', message: '/tmp/x.dockercontext is not a docker context archive.' },
      }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The docker context file could not be added:');
    expect(alert.textContent).toContain('is not a docker context archive');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/is not a docker context archive/)).toBeNull();
  });
});
