import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export interface HostTab<Id extends string> {
  id: Id;
  label: string;
  /** A count beside the label (e.g. compose projects), when known without a read. */
  count?: number;
}

/**
 * The host view's tab bar (Containers, Images, Volumes, Networks, Compose, …): an ARIA tablist,
 * arrow keys move between tabs. Only the shown tab's panel is mounted, so a view that is not
 * shown reads nothing.
 */
export function HostTabs<Id extends string>({
  tabs,
  selected,
  onSelect,
  children,
}: {
  tabs: ReadonlyArray<HostTab<Id>>;
  selected: Id;
  onSelect: (id: Id) => void;
  children: ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`[data-tab="${next.id}"]`)?.focus();
  };
  return (
    <div className="host-tabs-view">
      <div ref={list} role="tablist" aria-label="Host views" className="host-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`host-tab-${tab.id}`}
            data-tab={tab.id}
            aria-selected={tab.id === selected}
            aria-controls={`host-tabpanel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="host-tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {tab.count !== undefined ? <span className="host-tab-count">{tab.count.toLocaleString('en-US')}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`host-tabpanel-${selected}`} aria-labelledby={`host-tab-${selected}`}>
        {children}
      </div>
    </div>
  );
}
