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

const hostsNav = () => screen.getByRole('navigation', { name: 'Hosts' });

describe('a saved secret the store lost', { timeout: 20_000 }, () => {
  it('is asked for in the dashboard and the sidebar, and the host connects once it is given', async () => {
    const { bridge } = await renderApp({ scenario: 'lost-secret' });
    const invoke = vi.spyOn(bridge, 'invoke');
    const sidebarForm = within(hostsNav()).getByRole('form', { name: 'Enter the SSH password for ci@ci-runners.internal of ci-runners' });
    expect(within(sidebarForm).getByLabelText('SSH password for ci@ci-runners.internal')).toBeTruthy();

    fireEvent.click(within(hostsNav()).getByRole('button', { name: 'ci-runners' }));
    const dashboard = screen.getByRole('region', { name: /^Dashboard of ci-runners/ });
    expect(within(dashboard).getByText(/no longer has the saved SSH password/)).toBeTruthy();
    expect(within(dashboard).getByText('SECRET_MISSING')).toBeTruthy();
    const form = within(dashboard).getByRole('form', { name: /Enter the SSH password/ });
    fireEvent.change(within(form).getByLabelText('SSH password for ci@ci-runners.internal'), { target: { value: 's3cret' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save and connect' }));
    });
    expect(invoke).toHaveBeenCalledWith('hosts:provide-secret', { hostId: 'ci-runners', role: 'ssh-password', value: 's3cret' });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(within(hostsNav()).queryByRole('form', { name: /Enter the SSH password/ })).toBeNull();
  });

  it('says the secret is kept in memory only and offers a master passphrase, which then stops the offer', async () => {
    const { bridge } = await renderApp({ scenario: 'lost-secret' });
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(hostsNav()).getByRole('button', { name: 'ci-runners' }));
    const dashboard = screen.getByRole('region', { name: /^Dashboard of ci-runners/ });
    expect(within(dashboard).getByText(/Secrets you enter here are kept in memory only and forgotten when Berth stops/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dashboard).getByRole('button', { name: 'Set a master passphrase…' }));
    });
    const dialog = screen.getByRole('dialog');
    const fields = within(dialog).getAllByLabelText(/passphrase/i, { selector: 'input' });
    for (const field of fields) fireEvent.change(field, { target: { value: 'correct horse battery' } });
    await act(async () => {
      fireEvent.submit(dialog.querySelector('form') as HTMLFormElement);
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(invoke).toHaveBeenCalledWith('secrets:set-master-passphrase', { passphrase: 'correct horse battery' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(dashboard).queryByRole('button', { name: 'Set a master passphrase…' })).toBeNull();
  });
});
