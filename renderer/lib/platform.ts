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
