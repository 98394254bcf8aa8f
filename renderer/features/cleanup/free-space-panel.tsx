import { memo } from 'react';
import { FREE_SPACE_NOT_REPORTED, type FreeSpace } from '../../../shared/cleanup';
import { Panel } from '../../components/panel';
import { formatBytes } from '../../lib/format';
import { UsageGauge } from '../storage';
import { useFreeSpaces } from './free-space-reads';

const LEVEL_TEXT = {
  ok: null,
  warning: 'Above 80 % used: plan a cleanup.',
  critical: 'Above 90 % used: the daemon may soon fail to write.',
} as const;

/** Free space of the filesystem under the daemon's data root, beside the disk-usage chart. */
export const FreeSpacePanel = memo(function FreeSpacePanel({ hostId, ready, ssh }: { hostId: string; ready: boolean; ssh: boolean }) {
  // Only SSH hosts can be measured (df over the held connection): others are not asked at all.
  const readings = useFreeSpaces(ready && ssh ? [hostId] : []);
  const reading: FreeSpace | undefined = ssh ? readings.get(hostId) : { kind: 'not-reported', message: FREE_SPACE_NOT_REPORTED };
  return (
    <Panel
      title="Data root"
      className="free-space-panel"
      {...(reading?.kind === 'measured' ? { actions: <span className="muted mono">{reading.path}</span> } : {})}
    >
      <FreeSpaceBody reading={reading} ready={ready} />
    </Panel>
  );
});

function FreeSpaceBody({ reading, ready }: { reading: FreeSpace | undefined; ready: boolean }) {
  if (!reading) return <p className="muted">{ready ? 'Reading free space…' : 'Free space is read while the host is connected.'}</p>;
  switch (reading.kind) {
    case 'not-reported':
      return <p className="muted free-space-note">{reading.message}</p>;
    case 'unknown':
      return (
        <p className="free-space-note" role="note">
          <strong>Free space unknown.</strong> {reading.reason.message}
        </p>
      );
    case 'measured': {
      const warning = LEVEL_TEXT[reading.level];
      return (
        <>
          <div className="gauges">
            <UsageGauge
              label={`${reading.filesystem} on ${reading.mountedOn}`}
              used={reading.usedBytes}
              total={reading.totalBytes}
              available={reading.availableBytes}
              fraction={reading.usedFraction}
            />
          </div>
          {warning ? (
            <p className={`warning-item warning-item--${reading.level}`} role="note">
              {warning} {formatBytes(reading.availableBytes)} left.
            </p>
          ) : null}
          <p className="muted cleanup-note">Measured with {reading.source}.</p>
        </>
      );
    }
  }
}
