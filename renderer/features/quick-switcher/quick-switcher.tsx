import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { jumpModifierLabel } from '../../lib/platform';
import { isProduction } from '../../../shared/profile';
import { useServices, useStoreState } from '../../lib/services';
import { Dialog } from '../../components/dialog';
import { fleetImagesFor } from './fleet-images';
import { fleetIndexFor } from './fleet-index';
import { rankHosts } from './rank-hosts';
import { EntryResult, HostResult } from './search-result';
import { GROUP_LIMITS, type SearchOption, buildOptions } from './search-options';
import './quick-switcher.css';

const isChoosable = (option: SearchOption | undefined) => option !== undefined && option.type !== 'group';

/**
 * Ctrl/Cmd+K: the fleet search. Hosts (fuzzy, recently used first), then the containers (name,
 * id prefix, image), compose projects and images of every host, grouped by kind, each with its
 * host. Enter opens the result on its host: a host's dashboard, a container's detail, or the
 * fleet containers view filtered to a project or an image. Results follow the pushed snapshots,
 * so a container started a moment ago is found and a removed one disappears.
 * A combobox over a listbox, so screen readers follow the active option.
 */
export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const { store, api } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const snapshots = useStoreState((state) => state.snapshots);
  const recent = useStoreState((state) => state.recentHostIds);
  const selectedId = useStoreState((state) => state.selectedHostId);
  const fleetImages = fleetImagesFor(api);
  const images = useSyncExternalStore(fleetImages.subscribe, fleetImages.getImages);
  useEffect(() => fleetImages.watch(), [fleetImages]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  const index = fleetIndexFor(store);
  const ranked = useMemo(() => rankHosts(query, hosts, recent), [query, hosts, recent]);
  const hostsById = useMemo(() => new Map(hosts.map((host) => [host.profile.id, host])), [hosts]);
  const groups = useMemo(() => {
    index.update(hosts, snapshots, images);
    return index.search(query, GROUP_LIMITS.container);
  }, [index, hosts, snapshots, images, query]);
  const options = useMemo(() => buildOptions(query, ranked, groups, hostsById), [query, ranked, groups, hostsById]);
  const choosable = useMemo(() => options.flatMap((option, position) => (isChoosable(option) ? [position] : [])), [options]);
  const slotOf = useMemo(() => new Map(choosable.map((position, slot) => [position, slot])), [choosable]);
  const activeSlot = Math.min(active, Math.max(0, choosable.length - 1));
  const activePosition = choosable[activeSlot];
  const activeOption = activePosition === undefined ? undefined : options[activePosition];
  const optionId = (option: SearchOption) => `${listId}-${option.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const activeElementId = activeOption ? optionId(activeOption) : undefined;
  // Arrow keys may move past the visible part of the list.
  useEffect(() => {
    if (activeElementId) document.getElementById(activeElementId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeElementId]);

  const choose = (option: SearchOption) => {
    if (option.type === 'host') store.select(option.ranked.host.profile.id);
    else if (option.type === 'more') store.showFleetContainers(null, option.query);
    else if (option.type === 'entry') {
      const { entry } = option;
      if (entry.kind === 'container') store.openContainer(entry.hostId, entry.id);
      else if (entry.kind === 'host') store.select(entry.hostId);
      else store.showFleetContainers(entry.hostId, entry.label);
    } else return;
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = Math.max(1, choosable.length);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeSlot + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeSlot - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (activeOption) choose(activeOption);
    }
  };

  const searched = query.trim() !== '';

  return (
    <Dialog label="Search the fleet" onClose={onClose} className="switcher" initialFocus={input} placement="top">
      <input
        ref={input}
        className="switcher-input"
        role="combobox"
        aria-label="Search hosts, containers, compose projects and images"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeElementId}
        aria-autocomplete="list"
        placeholder="Search hosts, containers, images, compose projects…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
      <ul id={listId} role="listbox" aria-label="Results" className="switcher-list" data-result-count={choosable.length}>
        {choosable.length === 0 ? (
          <li className="switcher-empty" role="presentation">
            {searched ? <>Nothing on any host matches “{query}”.</> : 'No hosts yet.'}
          </li>
        ) : null}
        {options.map((option, position) => {
          if (option.type === 'group')
            return (
              <li key={option.key} role="presentation" className="search-group" data-kind={option.kind}>
                {option.label}
              </li>
            );
          const isActive = option === activeOption;
          const production = option.type === 'host' && isProduction(option.ranked.host.profile);
          const slot = slotOf.get(position) ?? 0;
          return (
            <li
              key={option.key}
              id={optionId(option)}
              role="option"
              aria-selected={isActive}
              aria-label={labelOf(option)}
              data-kind={option.type === 'entry' ? option.entry.kind : option.type}
              className={`switcher-option${isActive ? ' switcher-option--active' : ''}${production ? ' switcher-option--production' : ''}`}
              onMouseMove={() => !isActive && setActive(slot)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
            >
              {option.type === 'host' ? (
                <HostResult ranked={option.ranked} current={option.ranked.host.profile.id === selectedId} />
              ) : option.type === 'entry' ? (
                <EntryResult entry={option.entry} host={option.host} query={query} />
              ) : (
                <span className="search-more">
                  Show all {option.total.toLocaleString('en-US')} matching containers in the Containers view
                </span>
              )}
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
          <kbd>Enter</kbd> open on its host
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

function labelOf(option: SearchOption): string {
  switch (option.type) {
    case 'host':
      return option.ranked.host.profile.name;
    case 'entry':
      return `${option.entry.kind} ${option.entry.label} on ${option.host?.profile.name ?? option.entry.hostId}`;
    case 'more':
      return `Show all ${option.total} matching containers`;
    case 'group':
      return option.label;
  }
}
