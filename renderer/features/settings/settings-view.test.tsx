// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { themePreferenceKey } from '../../lib/theme';
import { App } from '../../app/app';
import { cleanup, createHarness, renderApp } from '../../test/render-app';

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function openSettings() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  });
  await settle();
  return screen.getByRole('heading', { name: 'Settings', level: 1 });
}

describe('Settings view', () => {
  it('opens from the top bar and from its shortcut (Alt+, in a browser tab)', async () => {
    await renderApp();
    await openSettings();
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Fleet/ }));
    });
    expect(screen.queryByRole('heading', { name: 'Settings', level: 1 })).toBeNull();
    await act(async () => {
      fireEvent.keyDown(window, { key: '≤', code: 'Comma', altKey: true });
    });
    await settle();
    expect(screen.getByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
    expect(screen.getByText(/Open Settings from anywhere with/).textContent).toContain('Alt+,');
  });

  it('applies a theme at once, saves it in main and remembers it for the next boot', async () => {
    const { bridge, preferences } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    await openSettings();
    const themes = screen.getByRole('radiogroup', { name: 'Theme' });
    expect((within(themes).getByRole('radio', { name: /System/ }) as HTMLInputElement).checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBeUndefined();

    await act(async () => {
      fireEvent.click(within(themes).getByRole('radio', { name: /Dark/ }));
    });
    // At once: before main has answered.
    expect(document.documentElement.dataset.theme).toBe('dark');
    await settle();
    expect(invoke).toHaveBeenCalledWith('settings:save', { settings: { ...defaultSettings, theme: 'dark' } });
    expect(preferences.get(themePreferenceKey)).toBe('dark');
    expect(await bridge.invoke('settings:get', {})).toEqual({ ok: true, value: { ...defaultSettings, theme: 'dark' } });

    await act(async () => {
      fireEvent.click(within(themes).getByRole('radio', { name: /System/ }));
    });
    await settle();
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(preferences.get(themePreferenceKey)).toBe('system');
  });

  it('applies the theme main has on record when the app starts, over the copy the UI remembered', async () => {
    const harness = createHarness({ preferences: { [themePreferenceKey]: 'dark' } });
    await harness.bridge.invoke('settings:save', { settings: { ...defaultSettings, theme: 'light' } });
    render(harness.wrap(<App />));
    await act(async () => {
      await harness.store.start();
    });
    await settle();
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(harness.preferences.get(themePreferenceKey)).toBe('light');
  });

  it('saves connection settings in seconds and shows field errors with the bounds', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    await openSettings();
    const timeout = screen.getByRole('textbox', { name: 'Connect and request timeout (seconds)' });
    const first = screen.getByRole('textbox', { name: 'First reconnect wait (seconds)' });
    const longest = screen.getByRole('textbox', { name: 'Longest reconnect wait (seconds)' });
    expect((timeout as HTMLInputElement).value).toBe('10');
    expect((first as HTMLInputElement).value).toBe('0.5');
    const save = screen.getByRole('button', { name: 'Save connection settings' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(timeout, { target: { value: '0.2' } });
    fireEvent.change(first, { target: { value: '40' } });
    fireEvent.change(longest, { target: { value: '20' } });
    await act(async () => {
      fireEvent.click(save);
    });
    expect(timeout.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choose 1 s to 120 s.')).toBeTruthy();
    expect(screen.getByText('The longest wait must be at least the first wait.')).toBeTruthy();
    expect(invoke).not.toHaveBeenCalledWith('settings:save', expect.anything());

    fireEvent.change(timeout, { target: { value: '4' } });
    fireEvent.change(first, { target: { value: '2' } });
    fireEvent.change(longest, { target: { value: '120' } });
    await act(async () => {
      fireEvent.click(save);
    });
    await settle();
    const connection = { requestTimeoutMs: 4_000, heartbeatMs: 15_000, backoffInitialMs: 2_000, backoffMaxMs: 120_000 };
    expect(invoke).toHaveBeenCalledWith('settings:save', { settings: { ...defaultSettings, connection } });
    expect(screen.getByRole('status').textContent).toBe('Saved.');

    // Restore defaults fills the form; nothing is saved until Save.
    await act(async () => {
      fireEvent.click(within(timeout.closest('form')!).getByRole('button', { name: 'Restore defaults' }));
    });
    expect((timeout as HTMLInputElement).value).toBe('10');
    expect(await bridge.invoke('settings:get', {})).toEqual({ ok: true, value: { ...defaultSettings, connection } });
  });

  it('Settings → Fleet: explains the policy with the numbers typed, refuses out-of-bounds values by the field, saves the rest unchanged', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    await openSettings();
    const form = screen.getByRole('form', { name: 'Fleet settings' });
    const limit = within(form).getByRole('textbox', { name: 'Hosts held live' });
    const interval = within(form).getByRole('textbox', { name: 'Standby check interval (seconds)' });
    const connections = within(form).getByRole('textbox', { name: 'Standby checks at once' });
    expect((limit as HTMLInputElement).value).toBe('40');
    expect(within(form).getByText(/^Hosts held live: up to 40\./).textContent).toContain(
      'checked every 1 min, at most 64 at once and 40 requests a second',
    );
    const save = within(form).getByRole('button', { name: 'Save fleet settings' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(limit, { target: { value: '0' } });
    fireEvent.change(connections, { target: { value: '257' } });
    await act(async () => {
      fireEvent.click(save);
    });
    expect(limit.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Choose 1 to 1000.')).toBeTruthy();
    expect(within(form).getByText('Choose 1 to 256.')).toBeTruthy();
    expect(invoke).not.toHaveBeenCalledWith('settings:save', expect.anything());

    fireEvent.change(limit, { target: { value: '3' } });
    fireEvent.change(connections, { target: { value: '4' } });
    fireEvent.change(interval, { target: { value: '30' } });
    expect(within(form).getByText(/^Hosts held live: up to 3\./).textContent).toContain('checked every 30 s, at most 4 at once');
    await act(async () => {
      fireEvent.click(save);
    });
    await settle();
    const fleet = { liveSessionLimit: 3, healthIntervalSeconds: 30, healthConnections: 4, healthRequestsPerSecond: 40 };
    expect(invoke).toHaveBeenCalledWith('settings:save', { settings: { ...defaultSettings, fleet } });
    expect(within(form).getByRole('status').textContent).toBe('Saved.');
    expect(await bridge.invoke('settings:get', {})).toEqual({ ok: true, value: { ...defaultSettings, fleet } });
  });
});
