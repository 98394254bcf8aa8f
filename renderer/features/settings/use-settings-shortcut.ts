import { useEffect, useRef } from 'react';
import { hasShortcutModifier, inBrowserTab, modifierLabel } from '../../lib/platform';

/** Ctrl/Cmd+, in the desktop app (the platform's convention); Alt+, in a browser tab, where Cmd+, opens the browser's own settings. */
export function settingsShortcutLabel(): string {
  return `${inBrowserTab() ? 'Alt+' : modifierLabel()},`;
}

export function settingsShortcutKeys(): string {
  return inBrowserTab() ? 'Alt+,' : 'Control+, Meta+,';
}

function isSettingsShortcut(event: KeyboardEvent): boolean {
  // event.code: Alt changes event.key on macOS ("≤"), and some layouts need Shift for ",".
  if (event.code !== 'Comma' && event.key !== ',') return false;
  return inBrowserTab() ? event.altKey && !event.ctrlKey && !event.metaKey : hasShortcutModifier(event);
}

/** Opens Settings on its shortcut, wherever the focus is. */
export function useSettingsShortcut(onOpen: () => void): void {
  const current = useRef(onOpen);
  useEffect(() => {
    current.current = onOpen;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      event.preventDefault();
      current.current();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
