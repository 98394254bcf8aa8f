import { useEffect, useRef } from 'react';
import { hasJumpModifier, hasShortcutModifier } from '../../lib/platform';

export interface SwitcherShortcuts {
  /** Ctrl/Cmd+K. */
  onOpenSwitcher: () => void;
  /** Ctrl/Cmd+1…9 in the desktop app, Alt+1…9 in a browser tab, with the digit's position (0-based). */
  onJump: (index: number) => void;
}

/** Global shortcuts, on window in the capture phase so focused inputs do not swallow them. */
export function useSwitcherShortcuts(handlers: SwitcherShortcuts): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.shiftKey) return;
      if (hasShortcutModifier(event) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        current.current.onOpenSwitcher();
        return;
      }
      // event.code keeps working on layouts where the digit row needs Shift (e.g. AZERTY).
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0];
      if (digit && hasJumpModifier(event)) {
        event.preventDefault();
        current.current.onJump(Number(digit) - 1);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
