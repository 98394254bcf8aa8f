// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryPreferences } from './preferences';
import { applyTheme, chooseTheme, effectiveTheme, onEffectiveThemeChange, rememberedTheme, themePreferenceKey } from './theme';

function fakeSystemScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    matches: dark,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  window.matchMedia = vi.fn(() => media) as unknown as typeof window.matchMedia;
  return {
    set(next: boolean) {
      media.matches = next;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('theme', () => {
  it('sets data-theme for a manual choice and removes it for system', () => {
    const root = document.documentElement;
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });

  it('remembers a choice for the next boot and ignores a stored value it does not know', () => {
    const preferences = memoryPreferences();
    expect(rememberedTheme(preferences)).toBe('system');
    chooseTheme('dark', preferences);
    expect(rememberedTheme(preferences)).toBe('dark');
    preferences.set(themePreferenceKey, 'sepia');
    expect(rememberedTheme(preferences)).toBe('system');
  });

  it('resolves system to what the OS prefers, and a manual choice to itself', () => {
    const system = fakeSystemScheme(true);
    expect(effectiveTheme()).toBe('dark');
    applyTheme('light');
    expect(effectiveTheme()).toBe('light');
    applyTheme('system');
    system.set(false);
    expect(effectiveTheme()).toBe('light');
  });

  it('tells a listener when the OS or the choice changes it, until unsubscribed', async () => {
    const system = fakeSystemScheme(false);
    const seen: string[] = [];
    const stop = onEffectiveThemeChange((theme) => seen.push(theme));
    system.set(true);
    applyTheme('light');
    await Promise.resolve(); // MutationObserver callbacks run as a microtask
    expect(seen).toEqual(['dark', 'light']);
    stop();
    expect(system.listeners.size).toBe(0);
    applyTheme('dark');
    await Promise.resolve();
    expect(seen).toEqual(['dark', 'light']);
  });
});
