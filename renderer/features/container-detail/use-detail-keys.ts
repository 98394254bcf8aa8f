import { useEffect, useRef } from 'react';

export type DetailTab = 'overview' | 'logs' | 'terminal' | 'stats';

const TAB_KEYS: Record<string, DetailTab> = { o: 'overview', l: 'logs', t: 'terminal', s: 'stats' };

/** Typing somewhere (a field, the terminal, a dialog) keeps its keys: no shortcut fires there. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.xterm, [role="dialog"], [role="alertdialog"]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Esc back to the list; o/l/t/s switch tabs. */
export function useDetailKeys(onBack: () => void, onTab: (tab: DetailTab) => void): void {
  const handlers = useRef({ onBack, onTab });
  handlers.current = { onBack, onTab };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('.dialog-backdrop')) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        handlers.current.onBack();
        return;
      }
      const tab = TAB_KEYS[event.key];
      if (tab) {
        event.preventDefault();
        handlers.current.onTab(tab);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
