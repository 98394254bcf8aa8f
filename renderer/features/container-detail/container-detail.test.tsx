// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
  window.requestAnimationFrame = (callback) => setTimeout(() => callback(performance.now()), 0) as unknown as number;
  window.cancelAnimationFrame = (handle) => clearTimeout(handle);
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 80)));
const hostButton = (name: string) => within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name });
const rows = () =>
  within(screen.getByRole('table', { name: 'Containers' }))
    .getAllByRole('row')
    .slice(1);
const nameOf = (row: HTMLElement) => within(row).getAllByRole('cell')[1]!.textContent ?? '';

async function openRunning(host = 'ci-runners') {
  const harness = await renderApp();
  fireEvent.click(hostButton(host));
  const row = rows().find((item) => within(item).queryByText('running'))!;
  const name = nameOf(row);
  fireEvent.click(row);
  await settle();
  return { ...harness, name };
}

// The whole app renders in jsdom for each test: slower than a unit test on a busy machine.
describe('container detail', { timeout: 30_000 }, () => {
  it('opens from a row with the overview; environment values stay masked until revealed', async () => {
    const { name } = await openRunning();
    const detail = screen.getByRole('region', { name: `Container ${name}` });
    expect(
      within(detail)
        .getByRole('tab', { name: /Overview/ })
        .getAttribute('aria-selected'),
    ).toBe('true');
    expect(within(detail).getByText('shop', { selector: 'strong' })).toBeTruthy();
    expect(within(detail).queryByText(/demo-password/)).toBeNull();
    fireEvent.click(within(detail).getByRole('button', { name: 'Reveal DATABASE_URL' }));
    expect(within(detail).getByText(/demo-password/)).toBeTruthy();
    expect(within(detail).getByRole('button', { name: 'Reveal LOG_LEVEL' })).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: /Show raw inspect JSON/ }));
    expect(within(detail).getByLabelText('Raw inspect JSON').textContent).toMatch(/"Id"/);
  });

  it('switches tabs with l and s, shows log lines and stats numbers, and Esc goes back to the list', async () => {
    await openRunning();
    fireEvent.keyDown(window, { key: 'l' });
    await settle();
    expect(screen.getByRole('tab', { name: /Logs/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('log-count').textContent).toBe('500 lines');
    expect(screen.getAllByRole('listitem').some((item) => /slow query/.test(item.textContent ?? ''))).toBe(true);

    fireEvent.change(screen.getByLabelText('Filter log lines'), { target: { value: 'upstream timeout' } });
    await settle();
    expect(screen.getByTestId('log-count').textContent).toMatch(/^\d+ matches in 500 lines$/);
    expect(document.querySelector('mark.log-match')?.textContent?.toLowerCase()).toBe('upstream timeout');
    fireEvent.click(screen.getByRole('button', { name: '.*' }));
    fireEvent.change(screen.getByLabelText('Filter log lines'), { target: { value: '(broken' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/^Not a valid regular expression/);

    fireEvent.keyDown(window, { key: 's' });
    await settle();
    expect(screen.getByTestId('stat-cpu').textContent).toMatch(/^\d+\.\d %$/);
    expect(screen.getByTestId('stat-pids').textContent).toMatch(/^\d+$/);

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.getByRole('table', { name: 'Containers' })).toBeTruthy();
  });

  it('opens with Enter from the table and keeps typing in fields free of shortcuts', async () => {
    await renderApp();
    fireEvent.click(hostButton('ci-runners'));
    const body = screen.getByLabelText('Container rows');
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    fireEvent.keyDown(body, { key: 'Enter' });
    await settle();
    fireEvent.keyDown(window, { key: 'l' });
    await settle();
    const filter = screen.getByLabelText('Filter log lines');
    fireEvent.keyDown(filter, { key: 's' });
    expect(screen.getByRole('tab', { name: /Logs/ }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('container actions', { timeout: 30_000 }, () => {
  it('stops without typing on a normal host, after a confirmation, and the audit view lists it', async () => {
    const { name } = await openRunning('ci-runners');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).queryByLabelText('Confirmation')).toBeNull();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    });
    await settle();
    expect(screen.getByText(/Stop: 1 container done/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Audit' }));
    await settle();
    const table = screen.getByRole('table', { name: 'Audit entries' });
    expect(within(table).getByText(name)).toBeTruthy();
    expect(within(table).getByText('stop')).toBeTruthy();
  });

  it('on a production host, needs the container’s name typed before the action goes', async () => {
    const { name } = await openRunning('prod-api-01');
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('PRODUCTION')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Restart' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Confirmation'), { target: { value: `${name}x` } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Confirmation'), { target: { value: name } });
    expect(confirm.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(confirm);
    });
    await settle();
    expect(screen.getByText(/Restart: 1 container done/)).toBeTruthy();
  });

  it('asks for the count for a bulk action on a production host', async () => {
    await renderApp();
    fireEvent.click(hostButton('prod-api-01'));
    const [first, second] = rows();
    fireEvent.click(within(first!).getByRole('checkbox'));
    fireEvent.click(within(second!).getByRole('checkbox'));
    const selection = screen.getByLabelText('Selection');
    expect(selection.textContent).toMatch(/2 containers selected/);
    fireEvent.click(within(selection).getByRole('button', { name: /^Restart/ }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('2', { selector: 'strong' })).toBeTruthy();
  });

  it('disables actions on a read-only host and says why', async () => {
    const { bridge, api } = await renderApp();
    const host = (await api.listHosts()).find((item) => item.profile.id === 'ci-runners')!;
    await act(async () => {
      await bridge.invoke('hosts:save', { draft: { ...host.profile, readOnly: true, transport: host.profile.transport as never } });
    });
    fireEvent.click(hostButton('ci-runners'));
    const row = rows().find((item) => within(item).queryByText('running'))!;
    fireEvent.click(row);
    await settle();
    const stop = screen.getByRole('button', { name: 'Stop' }) as HTMLButtonElement;
    expect(stop.disabled).toBe(true);
    expect(stop.title).toMatch(/read-only/);
    expect(screen.getByText('Read-only host: actions are off.')).toBeTruthy();
  });
});
