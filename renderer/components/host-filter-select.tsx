import type { HostView } from '../../shared/host-view';

/** A host picker for a view's toolbar: "All hosts" (value '') or one host by id. */
export function HostFilterSelect({
  hosts,
  value,
  onChange,
  label = 'Filter by host',
}: {
  hosts: readonly HostView[];
  value: string;
  onChange: (hostId: string) => void;
  label?: string;
}) {
  return (
    <select className="select" aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">All hosts</option>
      {hosts.map((host) => (
        <option key={host.profile.id} value={host.profile.id}>
          {host.profile.name}
        </option>
      ))}
    </select>
  );
}
