import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** The accessible name (aria-label). */
  label: string;
  onClose: () => void;
  children: ReactNode;
  /** 'alertdialog' for warnings that need the operator's attention. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Element to focus first; defaults to one marked data-autofocus, else the first focusable one. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where the dialog sits: centred, or near the top like a command palette. */
  placement?: 'center' | 'top';
  /** A click outside closes the dialog (off for forms, where a stray click would lose input). */
  closeOnBackdrop?: boolean;
}

/**
 * A modal dialog: traps Tab inside, closes on Escape or a click on the backdrop, and gives
 * focus back to whatever had it before.
 */
export function Dialog({
  label,
  onClose,
  children,
  role = 'dialog',
  className,
  initialFocus,
  placement = 'center',
  closeOnBackdrop = true,
}: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target =
      initialFocus?.current ??
      panel.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.current?.querySelector<HTMLElement>(FOCUSABLE) ??
      panel.current;
    target?.focus();
    return () => previous?.focus();
    // Focus once, on open.
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className={`dialog-backdrop dialog-backdrop--${placement}`}
      onMouseDown={(event) => {
        if (closeOnBackdrop && event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panel}
        role={role}
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        className={`dialog ${className ?? ''}`}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
