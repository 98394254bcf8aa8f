// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { followFleetFocus } from '../../lib/fleet-focus';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
let stopFocus: (() => void) | undefined;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  stopFocus?.();
  stopFocus = undefined;
  cleanup();
  restoreLayout();
});

const hostsNav = () => screen.getByRole('navigation', { name: 'Hosts' });
const hostItem = (name: string) => within(hostsNav()).getByRole('button', { name }).closest('li')!;
const focusCalls = (invoke: { mock: { calls: unknown[][] } }) =>
  invoke.mock.calls.filter(([channel]) => channel === 'fleet:focus').map(([, input]) => (input as { hostIds: string[] }).hostIds);

async function renderFollowing() {
  const harness = await renderApp();
  const invoke = vi.spyOn(harness.bridge, 'invoke');
  stopFocus = followFleetFocus(harness.store, harness.api);
  return { ...harness, invoke };
}

describe('pinned hosts and standby hosts in the app (demo bridge)', () => {
  it('pins a host from the sidebar: listed first under Pinned, remembered, and named to main as in view', async () => {
    const { invoke, preferences } = await renderFollowing();
    await act(async () => {
      fireEvent.click(within(hostItem('ci-runners')).getByRole('button', { name: 'Pin ci-runners' }));
    });
    const pinned = within(hostsNav()).getByRole('group', { name: 'Pinned' });
    expect(within(pinned).getByRole('button', { name: 'ci-runners' })).toBeTruthy();
    expect(within(pinned).getByRole('button', { name: 'Unpin ci-runners' }).getAttribute('aria-pressed')).toBe('true');
    expect(preferences.get('berth.pinnedHosts')).toBe('["ci-runners"]');
    await waitFor(() => expect(focusCalls(invoke).at(-1)).toEqual(['prod-api-01', 'ci-runners']));

    // Selecting another host names it first; unpinning from the fleet table drops the pin.
    await act(async () => {
      fireEvent.click(within(hostsNav()).getByRole('button', { name: 'legacy-build' }));
    });
    await waitFor(() => expect(focusCalls(invoke).at(-1)).toEqual(['legacy-build', 'ci-runners']));
    await act(async () => {
      fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: /^Fleet/ }));
    });
    const table = screen.getByRole('table', { name: 'Fleet' });
    await act(async () => {
      fireEvent.click(within(table).getByRole('button', { name: 'Unpin ci-runners' }));
    });
    expect(within(hostsNav()).queryByRole('group', { name: 'Pinned' })).toBeNull();
    expect(preferences.get('berth.pinnedHosts')).toBe('[]');
    await waitFor(() => expect(focusCalls(invoke).at(-1)).toEqual(['legacy-build']));
  });

  it('shows a standby host calmly: a hollow dot and “Standby · checked … ago” in the sidebar and fleet table, a banner on its dashboard', async () => {
    const { bridge } = await renderApp();
    const now = Date.now();
    await act(async () => {
      bridge.setStatus('legacy-build', {
        state: 'ready',
        since: now - 3_600_000,
        standby: { checkedAt: now - 45_000, nextCheckAt: now + 20_000 },
      });
    });
    const item = hostItem('legacy-build');
    expect(within(item).getByText(/^Standby · 4\d s ago$/)).toBeTruthy();
    expect(within(item).getByTitle(/^Standby · checked 4\d s ago: answers its health reads, not followed live/)).toBeTruthy();
    expect(item.querySelector('.status-badge--standby .lucide-circle')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(hostsNav()).getByRole('button', { name: 'legacy-build' }));
    });
    const banner = screen.getByRole('status', { name: 'Standby host' });
    expect(banner.textContent).toContain('On standby — bringing it live.');
    expect(banner.textContent).toMatch(/It answered its last health check 4\d s ago/);
    await act(async () => {
      fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: /^Fleet/ }));
    });
    expect(screen.getByText(/4 live · 1 on standby/)).toBeTruthy();
    const row = within(screen.getByRole('table', { name: 'Fleet' }))
      .getByRole('rowheader', { name: /legacy-build/ })
      .closest('tr')!;
    expect(within(row).getByText('Standby')).toBeTruthy();
    expect(within(row).getByText(/^checked 4\d s ago$/)).toBeTruthy();
  });

  it('with a live limit below the host count, the demo puts hosts out of view on standby and brings a selected one live', async () => {
    const { api, bridge, invoke, store } = await renderFollowing();
    act(() => store.togglePin('ci-runners'));
    await waitFor(() => expect(focusCalls(invoke).at(-1)).toEqual(['prod-api-01', 'ci-runners']));
    await act(async () => {
      await api.invoke('settings:save', { settings: { ...defaultSettings, fleet: { ...defaultSettings.fleet, liveSessionLimit: 3 } } });
    });
    expect(within(hostItem('prod-api-01')).queryByText(/Standby/)).toBeNull();
    expect(within(hostItem('prod-api-02')).getByText(/^Standby · /)).toBeTruthy();
    expect(within(hostItem('local')).getByText(/^Standby · /)).toBeTruthy();
    // The fleet table measures the data root of live SSH hosts only: a standby one is not asked.
    invoke.mockClear();
    await act(async () => {
      fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: /^Fleet/ }));
    });
    await waitFor(() => expect(invoke.mock.calls.some(([channel]) => channel === 'cleanup:free-space')).toBe(true));
    const measured = invoke.mock.calls
      .filter(([channel]) => channel === 'cleanup:free-space')
      .map(([, input]) => (input as { hostId: string }).hostId);
    expect(measured).toContain('ci-runners');
    expect(within(hostItem('ci-runners')).getByText('Ready')).toBeTruthy();
    expect(measured).not.toContain('prod-api-02');
    await act(async () => {
      fireEvent.click(within(hostsNav()).getByRole('button', { name: 'local' }));
    });
    await waitFor(() => expect(within(hostItem('local')).getByText('Ready')).toBeTruthy());
    expect(bridge).toBeTruthy();
  });
});
