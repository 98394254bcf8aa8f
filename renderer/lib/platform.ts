/** The modifier operators press for shortcuts: ⌘ on macOS, Ctrl elsewhere. */
export function isMacPlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function modifierLabel(): string {
  return isMacPlatform() ? '⌘' : 'Ctrl+';
}

/** Ctrl on Linux/Windows, Cmd on macOS (either is accepted everywhere, as editors do). */
export function hasShortcutModifier(event: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** In a browser tab (the browser shell, the demo) there is no preload bridge: Ctrl/Cmd+1…9 belong to the browser's tabs. */
export function inBrowserTab(): boolean {
  return (globalThis as { berth?: unknown }).berth === undefined;
}

/** The modifier of the host jumps (…+1 to …+9): Alt in a browser tab, Ctrl/Cmd in the desktop app. */
export function jumpModifierLabel(): string {
  return inBrowserTab() ? 'Alt+' : modifierLabel();
}

export function hasJumpModifier(event: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return inBrowserTab() ? event.altKey && !event.ctrlKey && !event.metaKey : hasShortcutModifier(event);
}
