import { memo, useId } from 'react';
import type { HostView } from '../../../shared/host-view';
import { isProduction } from '../../../shared/profile';
import { ColorSwatch } from '../../components/color-swatch';
import { PinButton } from '../../components/pin-button';
import { ProductionBadge } from '../../components/production-badge';
import { StatusBadge } from '../../components/status-badge';
import { TagList } from '../../components/tag-list';
import { summarizeStatus } from '../../lib/host-status';
import { CertificateBadge } from '../certificates';
import { jumpModifierLabel } from '../../lib/platform';
import { MissingSecretForm } from '../secrets';

export interface HostListItemProps {
  host: HostView;
  selected: boolean;
  /** 1…9 when Ctrl/Cmd+n (Alt+n in a browser tab) jumps here. */
  shortcut: number | null;
  /** Pinned hosts are listed first and kept live; the pin shows on hover (always when pinned). */
  pinned: boolean;
  onSelect: (hostId: string) => void;
  onTogglePin: (hostId: string) => void;
}

/** One host in the sidebar: colour, name, live status with its reason, tags; a pin toggle. */
export const HostListItem = memo(function HostListItem({ host, selected, shortcut, pinned, onSelect, onTogglePin }: HostListItemProps) {
  const { profile, status } = host;
  const production = isProduction(profile);
  const summary = summarizeStatus(status);
  const detailId = useId();
  return (
    <li
      className={`host-item${production ? ' host-item--production' : ''}${selected ? ' host-item--selected' : ''}${pinned ? ' host-item--pinned' : ''}`}
    >
      <button
        type="button"
        className="host-item-button"
        aria-label={profile.name}
        aria-current={selected ? 'true' : undefined}
        aria-describedby={detailId}
        onClick={() => onSelect(profile.id)}
      >
        <span className="host-item-line">
          <ColorSwatch color={profile.color} />
          <span className="host-item-name">{profile.name}</span>
          {production ? <ProductionBadge size="small" /> : null}
        </span>
        <span className="host-item-line host-item-status" id={detailId}>
          <StatusBadge status={status} brief />
          <CertificateBadge certificates={host.certificates} />
          {production ? <span className="visually-hidden">, production host</span> : null}
          {shortcut !== null ? (
            <kbd className="host-item-shortcut" aria-hidden="true">
              {jumpModifierLabel()}
              {shortcut}
            </kbd>
          ) : null}
        </span>
        {summary.reason ? (
          <span
            className={`host-item-reason host-item-reason--${summary.tone}`}
            title={`${summary.reason.code}: ${summary.reason.message}`}
          >
            <code>{summary.reason.code}</code> {summary.reason.message}
          </span>
        ) : null}
        {profile.tags.length > 0 ? (
          <span className="host-item-line">
            <TagList tags={profile.tags} />
          </span>
        ) : null}
      </button>
      <PinButton hostName={profile.name} pinned={pinned} onToggle={() => onTogglePin(profile.id)} className="host-item-pin" />
      {host.missingSecrets?.length ? <MissingSecretForm host={host} compact /> : null}
    </li>
  );
});
