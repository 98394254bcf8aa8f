import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { jumpModifierLabel } from '../../lib/platform';
import { isProduction } from '../../../shared/profile';
import { useServices, useStoreState } from '../../lib/services';
import { ColorSwatch } from '../../components/color-swatch';
import { Dialog } from '../../components/dialog';
import { ProductionBadge } from '../../components/production-badge';
import { StatusBadge } from '../../components/status-badge';
import { TagList } from '../../components/tag-list';
import { highlightRuns } from '../../lib/fuzzy';
import { describeAddress } from '../../lib/transport-label';
import { rankHosts } from './rank-hosts';
import './quick-switcher.css';

/**
 * Ctrl/Cmd+K: fuzzy search over hosts, recently used first. Arrow keys move, Enter switches,
 * Escape closes. A combobox over a listbox, so screen readers follow the active option.
 */
export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const recent = useStoreState((state) => state.recentHostIds);
  const selectedId = useStoreState((state) => state.selectedHostId);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const ranked = useMemo(() => rankHosts(query, hosts, recent), [query, hosts, recent]);
  const activeIndex = Math.min(active, Math.max(0, ranked.length - 1));
  const activeHost = ranked[activeIndex]?.host;

  const choose = (hostId: string) => {
    store.select(hostId);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeIndex + 1) % Math.max(1, ranked.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex - 1 + ranked.length) % Math.max(1, ranked.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (activeHost) choose(activeHost.profile.id);
    }
  };

  return (
    <Dialog label="Switch host" onClose={onClose} className="switcher" initialFocus={input} placement="top">
      <input
        ref={input}
        className="switcher-input"
        role="combobox"
        aria-label="Search hosts"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeHost ? `${listId}-${activeHost.profile.id}` : undefined}
        aria-autocomplete="list"
        placeholder="Switch to host… (name, tag or address)"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
      <ul id={listId} role="listbox" aria-label="Hosts" className="switcher-list">
        {ranked.length === 0 ? (
          <li className="switcher-empty" role="presentation">
            No host matches “{query}”.
          </li>
        ) : null}
        {ranked.map(({ host, nameIndices }, index) => {
          const production = isProduction(host.profile);
          return (
            <li
              key={host.profile.id}
              id={`${listId}-${host.profile.id}`}
              role="option"
              aria-selected={index === activeIndex}
              aria-label={host.profile.name}
              className={`switcher-option${index === activeIndex ? ' switcher-option--active' : ''}${production ? ' switcher-option--production' : ''}`}
              onMouseMove={() => index !== activeIndex && setActive(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(host.profile.id)}
            >
              <ColorSwatch color={host.profile.color} />
              <span className="switcher-name">
                {highlightRuns(host.profile.name, nameIndices).map((run, runIndex) =>
                  run.match ? <mark key={runIndex}>{run.text}</mark> : <span key={runIndex}>{run.text}</span>,
                )}
              </span>
              {production ? <ProductionBadge size="small" /> : null}
              <TagList tags={host.profile.tags} />
              <span className="switcher-address">{describeAddress(host.profile.transport)}</span>
              <StatusBadge status={host.status} showLabel={false} />
              {host.profile.id === selectedId ? <span className="switcher-current">current</span> : null}
            </li>
          );
        })}
      </ul>
      <div className="switcher-footer" aria-hidden="true">
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> switch
        </span>
        <span>
          <kbd>Esc</kbd> close
        </span>
        <span>
          <kbd>{jumpModifierLabel()}1…9</kbd> jump to a host
        </span>
      </div>
    </Dialog>
  );
}
