import { memo } from 'react';
import { currentStatus } from '../../../shared/container-status';
import type { ContainerSummary } from '../../../shared/snapshot';
import { ContainerStateIcon } from '../../components/container-state-icon';
import { ColorSwatch } from '../../components/color-swatch';
import { containerName, formatCreated, formatPorts, formatTimestamp } from '../../lib/format';
import type { RowHost } from './host-column';

export interface ContainerRowProps {
  container: ContainerSummary;
  /** What selection and onOpen name the row by: the container id, or a key unique across hosts. */
  rowKey: string;
  /** In a table over several hosts: the row's host (the Host column). */
  host?: RowHost | undefined;
  /** 1-based row index in the whole table (the header is row 1). */
  rowIndex: number;
  top: number;
  height: number;
  /** A coarse clock (minutes), so "3 days ago" stays current without re-rendering every second. */
  now: number;
  selected: boolean;
  /** The keyboard's row (Enter opens it, Space selects it). */
  active: boolean;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * One container. Memoized on the container object: the store keeps unchanged containers'
 * identities across pushes, so a push re-renders only the rows that changed.
 */
export const ContainerRow = memo(function ContainerRow({
  container,
  rowKey,
  host,
  rowIndex,
  top,
  height,
  now,
  selected,
  active,
  onToggle,
  onOpen,
}: ContainerRowProps) {
  const name = containerName(container.names, container.id);
  const ports = formatPorts(container.ports);
  const status = currentStatus(container.status, container.statusSince, now);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-container-id={container.id}
      {...(host ? { 'data-host-id': host.id } : {})}
      className={`ctable-row ctable-row--clickable${selected ? ' ctable-row--selected' : ''}${active ? ' ctable-row--active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onOpen(rowKey)}
    >
      <div role="cell" className="ctable-cell ctable-select" onClick={(event) => event.stopPropagation()}>
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={() => onToggle(rowKey)} tabIndex={-1} />
      </div>
      {host ? (
        <div role="cell" className={`ctable-cell ctable-host${host.production ? ' ctable-host--production' : ''}`} title={host.name}>
          <ColorSwatch color={host.color} size={8} />
          <span className="ctable-host-name">{host.name}</span>
        </div>
      ) : null}
      <div role="cell" className="ctable-cell ctable-name" title={`${name}\n${container.id}`}>
        {name}
      </div>
      <div role="cell" className="ctable-cell ctable-image mono" title={container.image}>
        {container.image}
      </div>
      <div role="cell" className="ctable-cell ctable-state">
        <span className={`state-pill state-pill--${container.state}`}>
          <ContainerStateIcon state={container.state} />
          {container.state}
        </span>
      </div>
      <div role="cell" className="ctable-cell ctable-status" title={status}>
        {status}
      </div>
      <div role="cell" className="ctable-cell ctable-ports mono" title={ports}>
        {ports || <span className="muted">–</span>}
      </div>
      <div role="cell" className="ctable-cell ctable-created" title={formatTimestamp(container.created * 1000)}>
        {formatCreated(container.created, now)}
      </div>
    </div>
  );
});
