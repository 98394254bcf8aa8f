import { type KeyboardEvent, useRef } from 'react';
import type { TransportTab } from './form-state';

export const TABS: Array<{ id: TransportTab; label: string }> = [
  { id: 'local', label: 'Local socket' },
  { id: 'tcp', label: 'TCP' },
  { id: 'tls', label: 'TLS' },
  { id: 'ssh', label: 'SSH' },
];

export function tabId(base: string, tab: TransportTab): string {
  return `${base}-tab-${tab}`;
}

export function panelId(base: string): string {
  return `${base}-panel`;
}

/** The transport choice as an ARIA tab list (arrow keys move between tabs). */
export function TransportTabs({ value, onChange, idBase }: { value: TransportTab; onChange: (tab: TransportTab) => void; idBase: string }) {
  const refs = useRef(new Map<TransportTab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((tab) => tab.id === value);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label="Transport" className="tabs" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) refs.current.set(tab.id, element);
          }}
          id={tabId(idBase, tab.id)}
          type="button"
          role="tab"
          aria-selected={tab.id === value}
          aria-controls={panelId(idBase)}
          tabIndex={tab.id === value ? 0 : -1}
          className={`tab${tab.id === value ? ' tab--active' : ''}${tab.id === 'tcp' ? ' tab--unsafe' : ''}`}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
