// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_KEY_UNKNOWN } from '../../lib/demo/demo-hosts';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

async function openSshForm() {
  const harness = await renderApp();
  fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
  const dialog = screen.getByRole('dialog', { name: 'Add host' });
  fireEvent.click(within(dialog).getByRole('tab', { name: 'SSH' }));
  fireEvent.change(within(dialog).getByRole('textbox', { name: /^SSH user/ }), { target: { value: 'deploy' } });
  fireEvent.change(within(dialog).getByRole('textbox', { name: /^Host/ }), { target: { value: 'new-box.example' } });
  return { ...harness, dialog };
}

const test = async (dialog: HTMLElement) => {
  await act(async () => {
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
  });
};

describe('Test connection for a new SSH host', { timeout: 20_000 }, () => {
  it('shows the host-key dialog (before a name is typed) and tests once the key is accepted for the test', async () => {
    const { bridge, dialog } = await openSshForm();
    const invoke = vi.spyOn(bridge, 'invoke');
    await test(dialog);
    const review = screen.getByRole('dialog', { name: 'Host key confirmation' });
    expect(within(review).getByText(HOST_KEY_UNKNOWN.fingerprint)).toBeTruthy();
    expect(within(review).getAllByText('new-box.example:22').length).toBeGreaterThan(0);
    expect(within(dialog).queryByText('SSH_HOST_KEY_UNKNOWN')).toBeNull();
    await act(async () => {
      fireEvent.click(within(review).getByRole('button', { name: 'Accept for this test' }));
    });
    expect(invoke).toHaveBeenCalledWith('hosts:test', {
      draft: expect.objectContaining({ name: 'new-box.example' }),
      acceptHostKey: { fingerprint: HOST_KEY_UNKNOWN.fingerprint, persist: false },
    });
    expect(screen.queryByRole('dialog', { name: 'Host key confirmation' })).toBeNull();
    expect(within(dialog).getByRole('status', { name: 'Connection test result' }).textContent).toMatch(/Docker Engine/);
    // Once means once: the next test asks again.
    await test(dialog);
    expect(screen.getByRole('dialog', { name: 'Host key confirmation' })).toBeTruthy();
  });

  it('accepts the key always, or reports a rejected key plainly', async () => {
    const { dialog } = await openSshForm();
    await test(dialog);
    await act(async () => {
      fireEvent.click(within(screen.getByRole('dialog', { name: 'Host key confirmation' })).getByRole('button', { name: 'Reject' }));
    });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/rejected the host key of new-box\.example/);
    await test(dialog);
    await act(async () => {
      fireEvent.click(within(screen.getByRole('dialog', { name: 'Host key confirmation' })).getByRole('button', { name: 'Accept always' }));
    });
    await test(dialog);
    expect(screen.queryByRole('dialog', { name: 'Host key confirmation' })).toBeNull();
    expect(within(dialog).getByRole('status', { name: 'Connection test result' })).toBeTruthy();
  });
});
