import { memo } from 'react';
import { currentStatus } from '../../../shared/container-status';
import type { ContainerSummary } from '../../../shared/snapshot';
import { ContainerStateIcon } from '../../components/container-state-icon';
import { containerName, formatCreated, formatPorts, formatTimestamp } from '../../lib/format';

export interface ContainerRowProps {
  container: ContainerSummary;
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
      className={`ctable-row ctable-row--clickable${selected ? ' ctable-row--selected' : ''}${active ? ' ctable-row--active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onOpen(container.id)}
    >
      <div role="cell" className="ctable-cell ctable-select" onClick={(event) => event.stopPropagation()}>
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={() => onToggle(container.id)} tabIndex={-1} />
      </div>
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
