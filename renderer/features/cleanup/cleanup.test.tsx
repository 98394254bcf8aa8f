// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KindPreview, PruneResult } from '../../../shared/cleanup';
import { cleanup, createHarness, fakeLayout, renderApp } from '../../test/render-app';
import { CleanupView } from './cleanup-view';
import { PruneResultView } from './prune-result';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const hostButton = (name: string) => within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name });
const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('the Cleanup view (demo: the lab cleanup daemon\u2019s captured lists)', () => {
  it('lists exactly what each prune would remove, and a production host wants its name typed before the prune', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: /Cleanup…/ }));
    await flush();
    const view = screen.getByRole('region', { name: 'Cleanup of prod-api-01' });
    const stopped = within(view).getByRole('region', { name: 'Stopped containers' });
    expect(
      within(stopped)
        .getAllByRole('row')
        .map((row) => row.querySelector('td')?.textContent),
    ).toEqual(expect.arrayContaining(['cleanup-exited-writer', 'lab-created', 'lab-exited']));
    expect(stopped.querySelector('.cleanup-kind-figures')?.textContent).toBe('3 · 262.1 kB');
    const networks = within(view).getByRole('region', { name: 'Unused networks' });
    expect(within(networks).getByText('cleanup-unused-net')).toBeTruthy();
    expect(within(view).getByRole('region', { name: 'Build cache' }).textContent).toMatch(/nothing to prune/);

    fireEvent.click(within(stopped).getByRole('button', { name: /Prune…/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Prune stopped containers on prod-api-01' });
    const go = within(dialog).getByRole('button', { name: 'Prune 3' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Confirmation'), { target: { value: 'prod-api-01' } });
    expect(go.disabled).toBe(false);
    fireEvent.click(go);
    await flush();
    // The demo has no daemon to prune: its refusal shows, nothing is claimed.
    expect(within(stopped).getByRole('alert').textContent).toMatch(/not part of the demo/);
  });

  it('the dashboard shows the data root of an SSH host, and says plainly that the API does not report it for others', async () => {
    await renderApp();
    await flush();
    expect(screen.getByRole('region', { name: 'Data root' }).textContent).toMatch(/does not report free space.*moby\/moby#35629/);
    fireEvent.click(hostButton('prod-api-02'));
    await flush();
    const root = screen.getByRole('region', { name: 'Data root' });
    expect(within(root).getByRole('meter').getAttribute('aria-valuetext')).toMatch(/^27 % used \(29.79 GB of 270.6 GB\)/);
    expect(root.textContent).toMatch(/df -B1 -P over SSH/);
  });
});

describe('a read-only host', () => {
  it('shows the preview with every Prune button off and says why', async () => {
    const harness = createHarness();
    await act(async () => harness.store.start());
    const host = harness.store.getState().hosts.find((each) => each.profile.name === 'prod-api-02')!;
    render(harness.wrap(<CleanupView host={{ ...host, profile: { ...host.profile, readOnly: true } }} onBack={() => undefined} />));
    await flush();
    const view = screen.getByRole('region', { name: 'Cleanup of prod-api-02' });
    expect(view.textContent).toMatch(/Read-only host: the preview is shown, pruning is off/);
    const buttons = within(view).getAllByRole('button', { name: /Prune…/ }) as HTMLButtonElement[];
    expect(buttons).toHaveLength(6);
    expect(buttons.every((button) => button.disabled)).toBe(true);
    expect(buttons[0]!.title).toBe('This host is read-only: Berth does not prune it.');
  });
});

describe('PruneResultView', () => {
  const preview: KindPreview = { kind: 'volumes', items: [], count: 2, bytes: 131_072, unknownSizes: 0, notes: [] };

  it('shows the daemon\u2019s report beside the preview', () => {
    const result: PruneResult = {
      outcome: 'done',
      kind: 'volumes',
      preview,
      report: { removed: ['a', 'b'], removedCount: 2, reclaimedBytes: 131_072 },
    };
    render(<PruneResultView result={result} />);
    const status = screen.getByRole('status', { name: 'Prune result' });
    expect(status.textContent).toMatch(/Daemon removed 2 · reclaimed 131.1 kB/);
    expect(status.textContent).toMatch(/preview: 2 · 131.1 kB/);
  });

  it('an interrupted prune is unknown, with the re-read or why there is none — never a guess', () => {
    const unknown: PruneResult = {
      outcome: 'unknown',
      kind: 'volumes',
      preview,
      error: {
        code: 'CONNECTION_RESET',
        message: 'The connection failed while the daemon pruned unused volumes: what it removed is unknown.',
      },
      after: null,
      afterError: { code: 'HOST_NOT_CONNECTED', message: 'Host "x" did not answer again in time.' },
    };
    render(<PruneResultView result={unknown} />);
    const status = screen.getByRole('status', { name: 'Prune result' });
    expect(status.textContent).toMatch(/Outcome unknown/);
    expect(status.textContent).toMatch(/did not answer again in time/);
    expect(status.textContent).not.toMatch(/Daemon removed/);
  });
});
