// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

describe('Add host: import from ~/.ssh/config and the jump-host list', { timeout: 20_000 }, () => {
  it('fills the SSH tab and its chain of jump hosts from an alias, which can then be reordered and removed', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /Import from ~\/\.ssh\/config/ }));
    });
    expect(invoke).toHaveBeenCalledWith('sshconfig:list', {});
    const list = within(dialog).getByRole('list', { name: 'Hosts in your ssh config' });
    expect(within(list).getByText(/ProxyJump loops: legacy → gw → legacy/)).toBeTruthy();
    expect(within(list).queryByRole('button', { name: 'Use legacy' })).toBeNull();
    fireEvent.click(within(list).getByRole('button', { name: 'Use build-02' }));

    expect((within(dialog).getByRole('textbox', { name: /^Name/ }) as HTMLInputElement).value).toBe('build-02');
    expect((within(dialog).getByRole('textbox', { name: /^Host$/ }) as HTMLInputElement).value).toBe('10.20.0.12');
    const hosts = () => within(dialog).getAllByRole('listitem', { name: /^Jump host \d$/ });
    const hostOf = (item: HTMLElement) => (within(item).getByRole('textbox', { name: /^Jump host \d/ }) as HTMLInputElement).value;
    expect(hosts().map(hostOf)).toEqual(['bastion.example.net', '10.20.0.2']);
    expect(within(dialog).getByText('From your ssh config: keep-alive every 30 s.')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Move jump host 2 up' }));
    expect(hosts().map(hostOf)).toEqual(['10.20.0.2', 'bastion.example.net']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove jump host 1' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add jump host' }));
    expect(hosts().map(hostOf)).toEqual(['bastion.example.net', '']);

    // An empty jump host is an error next to its own field, not a silent direct connection.
    await act(async () => {
      fireEvent.click(within(dialog).getAllByRole('button', { name: 'Add host' }).at(-1)!);
    });
    expect(within(hosts()[1]!).getByText('a host name or address is required')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove jump host 2' }));
    await act(async () => {
      fireEvent.click(within(dialog).getAllByRole('button', { name: 'Add host' }).at(-1)!);
    });
    expect(invoke).toHaveBeenCalledWith('hosts:save', {
      draft: expect.objectContaining({
        name: 'build-02',
        transport: expect.objectContaining({
          keepaliveIntervalSeconds: 30,
          jumpHosts: [{ host: 'bastion.example.net', port: 22, user: 'ops', auth: { method: 'agent' } }],
        }),
      }),
    });
  });
});
