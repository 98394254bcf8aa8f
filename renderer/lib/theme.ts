import { type ThemeChoice, themeChoices } from '../../shared/settings';
import type { PreferenceStorage } from './preferences';

/**
 * The window's theme. The colors are CSS light-dark() tokens (styles/theme.css) that follow the
 * root's color-scheme: 'system' leaves it to the OS, 'light' / 'dark' set `data-theme` on <html>.
 * The choice lives in the main process's settings; a copy in the UI preferences applies it at
 * boot, before the settings have been read, so the window never flashes the other theme.
 */
export const themePreferenceKey = 'berth.theme';

const isThemeChoice = (value: unknown): value is ThemeChoice => themeChoices.includes(value as ThemeChoice);

export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** Applies a choice and remembers it for the next boot. */
export function chooseTheme(choice: ThemeChoice, preferences: PreferenceStorage, root?: HTMLElement): void {
  applyTheme(choice, root);
  preferences.set(themePreferenceKey, choice);
}

export function rememberedTheme(preferences: PreferenceStorage): ThemeChoice {
  const value = preferences.get(themePreferenceKey);
  return isThemeChoice(value) ? value : 'system';
}

function systemPrefersDark(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
}

/** What the window shows now: the manual choice, else the system's. */
export function effectiveTheme(root: HTMLElement = document.documentElement): 'light' | 'dark' {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return systemPrefersDark()?.matches ? 'dark' : 'light';
}

/**
 * Calls `listener` whenever the effective theme may have changed (a manual choice or the OS
 * switching), for what CSS cannot reach (xterm.js's canvas). Returns the unsubscribe.
 */
export function onEffectiveThemeChange(
  listener: (theme: 'light' | 'dark') => void,
  root: HTMLElement = document.documentElement,
): () => void {
  const notify = () => listener(effectiveTheme(root));
  const media = systemPrefersDark();
  media?.addEventListener('change', notify);
  const observer = new MutationObserver(notify);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media?.removeEventListener('change', notify);
    observer.disconnect();
  };
}
