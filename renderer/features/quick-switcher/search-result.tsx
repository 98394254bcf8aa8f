import { memo } from 'react';
import { isProduction } from '../../../shared/profile';
import type { SearchEntry } from '../../../shared/search/fleet-search';
import type { HostView } from '../../../shared/host-view';
import { ColorSwatch } from '../../components/color-swatch';
import { ProductionBadge } from '../../components/production-badge';
import { StatusBadge } from '../../components/status-badge';
import { TagList } from '../../components/tag-list';
import { formatBytes } from '../../lib/format';
import { highlightRuns } from '../../lib/fuzzy';
import { describeAddress } from '../../lib/transport-label';
import type { RankedHost } from './rank-hosts';
import { termIndices } from './search-options';

function Highlighted({ text, indices }: { text: string; indices: readonly number[] }) {
  return (
    <>
      {highlightRuns(text, indices).map((run, index) =>
        run.match ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
      )}
    </>
  );
}

/** The host a result lives on: its colour and name (production marked). */
function HostChip({ host, hostId }: { host: HostView | undefined; hostId: string }) {
  return (
    <span className={`search-host${host && isProduction(host.profile) ? ' search-host--production' : ''}`} title="Host">
      <ColorSwatch color={host?.profile.color} size={8} />
      {host?.profile.name ?? hostId}
    </span>
  );
}

export const HostResult = memo(function HostResult({ ranked, current }: { ranked: RankedHost; current: boolean }) {
  const { host, nameIndices } = ranked;
  const production = isProduction(host.profile);
  return (
    <>
      <ColorSwatch color={host.profile.color} />
      <span className="switcher-name">
        <Highlighted text={host.profile.name} indices={nameIndices} />
      </span>
      {production ? <ProductionBadge size="small" /> : null}
      <TagList tags={host.profile.tags} />
      <span className="switcher-address">{describeAddress(host.profile.transport)}</span>
      <StatusBadge status={host.status} showLabel={false} />
      {current ? <span className="switcher-current">current</span> : null}
    </>
  );
});

export const EntryResult = memo(function EntryResult({
  entry,
  host,
  query,
}: {
  entry: SearchEntry;
  host: HostView | undefined;
  query: string;
}) {
  const name = (
    <span className="switcher-name search-label">
      <Highlighted text={entry.label} indices={termIndices(entry.label, query)} />
    </span>
  );
  switch (entry.kind) {
    case 'container':
      return (
        <>
          <span className={`state-pill state-pill--${entry.state}`}>{entry.state}</span>
          {name}
          <span className="search-detail mono" title={entry.image}>
            {entry.id.slice(0, 12)} · {entry.image}
          </span>
          <HostChip host={host} hostId={entry.hostId} />
        </>
      );
    case 'project':
      return (
        <>
          <span className="search-kind">compose</span>
          {name}
          <span className="search-detail">
            {entry.running} of {entry.containers} running
          </span>
          <HostChip host={host} hostId={entry.hostId} />
        </>
      );
    case 'image':
      return (
        <>
          <span className="search-kind">image</span>
          {name}
          <span className="search-detail mono">
            {entry.id.replace(/^sha256:/, '').slice(0, 12)} · {formatBytes(entry.sizeBytes)}
          </span>
          <HostChip host={host} hostId={entry.hostId} />
        </>
      );
    case 'host':
      return <HostChip host={host} hostId={entry.hostId} />;
  }
});
