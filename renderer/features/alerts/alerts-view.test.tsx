// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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

const openView = (name: string) =>
  fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: new RegExp(`^${name}`) }));

describe('the Alerts and Timeline views over the demo bridge', () => {
  it('lists alerts with their count on the Alerts button, and acknowledges one', async () => {
    await renderApp();
    openView('Alerts');
    const list = await screen.findByRole('list', { name: 'Alerts' });
    expect(within(list).getByText('staging-db: unreachable')).toBeTruthy();
    const badge = await within(screen.getByRole('navigation', { name: 'Views' })).findByLabelText(/unacknowledged/);
    const before = Number(badge.textContent);
    expect(before).toBeGreaterThan(0);
    const item = within(list).getByText('staging-db: unreachable').closest('li')!;
    fireEvent.click(within(item as HTMLElement).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(within(item as HTMLElement).getByText('Acknowledged')).toBeTruthy());
    await waitFor(() =>
      expect(within(screen.getByRole('navigation', { name: 'Views' })).getByLabelText(/unacknowledged/).textContent).toBe(
        String(before - 1),
      ),
    );
  });

  it('refuses to save a webhook URL with a password in it, naming the field', async () => {
    await renderApp();
    openView('Alerts');
    const url = await screen.findByLabelText('Webhook URL');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Webhook' }));
    fireEvent.change(url, { target: { value: 'https://user:pw@hooks.example.com/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(
      (await screen.findByText(/webhook\.url: give an http:\/\/ or https:\/\/ URL without a user name or password/)).textContent,
    ).toBeTruthy();
  });

  it('edits one host’s rule overrides (inherit / on / off, thresholds), saves them through alerts:save-settings and reads them back', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    openView('Alerts');
    fireEvent.change(await screen.findByLabelText('Host to override'), { target: { value: 'staging-db' } });
    const editor = screen.getByRole('group', { name: 'Rule overrides for staging-db' });
    const restartLoop = within(editor).getByRole('radiogroup', { name: 'Restart loop on staging-db' });
    fireEvent.click(within(restartLoop).getByRole('radio', { name: 'Off' }));
    expect((within(editor).getByLabelText('Restart loop: starts on staging-db') as HTMLInputElement).disabled).toBe(true);
    const grace = within(editor).getByLabelText('Host unreachable: for more than on staging-db') as HTMLInputElement;
    expect(grace.placeholder).toBe('30');
    fireEvent.change(grace, { target: { value: '120' } });
    // A warning above the global critical level is refused, naming the host and the rule.
    const warning = within(editor).getByLabelText('Thin pool / data-root usage: warn at on staging-db');
    fireEvent.change(warning, { target: { value: '95' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(
      await screen.findByText(/staging-db: Thin pool \/ data-root usage: the warning percentage \(95 %\) must not be above/),
    ).toBeTruthy();
    expect(invoke).not.toHaveBeenCalledWith('alerts:save-settings', expect.anything());
    fireEvent.change(warning, { target: { value: '70' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('Saved');
    const hosts = {
      'staging-db': { rules: { restartLoop: { enabled: false }, hostDown: { graceSeconds: 120 }, storageUsage: { warningPercent: 70 } } },
    };
    expect(invoke).toHaveBeenCalledWith('alerts:save-settings', { settings: expect.objectContaining({ hosts }) });

    // Round trip: a fresh view reads the overrides back from main.
    openView('Fleet');
    openView('Alerts');
    fireEvent.change(await screen.findByLabelText('Host to override'), { target: { value: 'staging-db' } });
    const reread = screen.getByRole('group', { name: 'Rule overrides for staging-db' });
    expect(
      (
        within(within(reread).getByRole('radiogroup', { name: 'Restart loop on staging-db' })).getByRole('radio', {
          name: 'Off',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect((within(reread).getByLabelText('Host unreachable: for more than on staging-db') as HTMLInputElement).value).toBe('120');
    expect((within(reread).getByLabelText('Thin pool / data-root usage: warn at on staging-db') as HTMLInputElement).value).toBe('70');
    expect(screen.getByRole('option', { name: 'staging-db (3 overrides)' })).toBeTruthy();
  });

  it('shows the timeline of every host and filters it by container', async () => {
    await renderApp();
    openView('Timeline');
    const table = await screen.findByRole('table', { name: 'Docker events' });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(2));
    expect(screen.getByText(/Kept per host: the newest 50,000 events, at most 30 days/)).toBeTruthy();
    const first = within(table).getAllByRole('row')[1]!;
    const actor = within(first).getAllByRole('cell')[4]!.textContent!;
    fireEvent.change(screen.getByLabelText('Container'), { target: { value: actor } });
    await waitFor(() => {
      const rows = within(screen.getByRole('table', { name: 'Docker events' }))
        .getAllByRole('row')
        .slice(1);
      expect(rows.every((row) => within(row).getAllByRole('cell')[4]!.textContent === actor)).toBe(true);
    });
  });
});
