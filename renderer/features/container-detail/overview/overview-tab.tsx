import type { ReactNode } from 'react';
import type { ContainerDetail } from '../../../../shared/containers';
import { formatTimestamp } from '../../../lib/format';
import { EnvList } from './env-list';
import { RawInspect } from './raw-inspect';

const COMPOSE_LABEL = /^com\.docker\.compose\./;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function time(value: string | null): string {
  if (!value) return '–';
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? formatTimestamp(ms) : value;
}

function argv(words: readonly string[]): string {
  return words.length === 0 ? '–' : words.map((word) => (/[\s"'\\]/.test(word) || word === '' ? JSON.stringify(word) : word)).join(' ');
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="overview-section" aria-label={title}>
      <h3 className="overview-heading">{title}</h3>
      {children}
    </section>
  );
}

function StateLine({ detail }: { detail: ContainerDetail }) {
  const { state } = detail;
  return (
    <span className="overview-state">
      <span className={`state-pill state-pill--${state.status}`}>{state.status}</span>
      {!state.running && detail.startedAt ? <span>exit code {state.exitCode}</span> : null}
      {state.oomKilled ? <span className="badge badge--error">OOM-killed</span> : null}
      {state.error ? <span className="overview-error">{state.error}</span> : null}
    </span>
  );
}

/** What `docker inspect` says about a container, arranged for reading; the raw JSON at the end. */
export function OverviewTab({ detail }: { detail: ContainerDetail }) {
  const health = detail.state.health;
  const labels = Object.entries(detail.labels).sort(
    ([a], [b]) => Number(COMPOSE_LABEL.test(b)) - Number(COMPOSE_LABEL.test(a)) || a.localeCompare(b),
  );
  return (
    <div className="overview">
      {detail.notes.length > 0 ? (
        <ul className="notice notice--info overview-notes">
          {detail.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <div className="overview-grid">
        <Section title="Container">
          <dl className="overview-fields">
            <Field label="State">
              <StateLine detail={detail} />
            </Field>
            {health ? (
              <Field label="Health">
                <span className={`health health--${health.status}`}>{health.status}</span>
                {health.failingStreak > 0 ? <span className="muted"> · {health.failingStreak} failing in a row</span> : null}
                {health.lastCheck ? (
                  <pre className="health-output mono" aria-label="Last health check output">
                    {`${time(health.lastCheck.end)} · exit ${health.lastCheck.exitCode}\n${health.lastCheck.output.trim() || '(no output)'}`}
                  </pre>
                ) : null}
              </Field>
            ) : null}
            <Field label="Image">
              <span className="mono">{detail.image}</span>
              <div className="muted mono overview-sub" title={detail.imageId}>
                {detail.imageId.replace(/^sha256:/, '').slice(0, 12)}
              </div>
            </Field>
            <Field label="Entrypoint">
              <span className="mono">{argv(detail.entrypoint)}</span>
            </Field>
            <Field label="Command">
              <span className="mono">{argv(detail.command)}</span>
            </Field>
            {detail.workingDir ? (
              <Field label="Working dir">
                <span className="mono">{detail.workingDir}</span>
              </Field>
            ) : null}
            {detail.user ? <Field label="User">{detail.user}</Field> : null}
            <Field label="Created">{time(detail.createdAt)}</Field>
            <Field label="Started">{time(detail.startedAt)}</Field>
            <Field label="Finished">{time(detail.finishedAt)}</Field>
            <Field label="Restart policy">
              {detail.restartPolicy.name || 'no'}
              {detail.restartPolicy.name === 'on-failure' && detail.restartPolicy.maximumRetryCount > 0
                ? ` (at most ${detail.restartPolicy.maximumRetryCount})`
                : ''}
              <span className="muted"> · restarted {detail.restartCount}×</span>
            </Field>
            <Field label="ID">
              <span className="mono overview-id">{detail.id}</span>
            </Field>
          </dl>
        </Section>
        <Section title="Network">
          <dl className="overview-fields">
            <Field label="Mode">{detail.networkMode || '–'}</Field>
            <Field label="Ports">
              {detail.ports.length === 0 ? (
                <span className="muted">none published</span>
              ) : (
                <ul className="plain-list mono">
                  {detail.ports.map((port) => (
                    <li key={`${port.containerPort}/${port.protocol}-${port.hostIp ?? ''}-${port.hostPort ?? ''}`}>
                      {port.hostPort !== undefined ? `${port.hostIp || '0.0.0.0'}:${port.hostPort} → ` : ''}
                      {port.containerPort}/{port.protocol}
                    </li>
                  ))}
                </ul>
              )}
            </Field>
            {detail.networks.map((network) => (
              <Field key={network.name} label={network.name}>
                <span className="mono">
                  {network.ipAddress ? `${network.ipAddress}/${network.ipPrefixLength}` : 'no IPv4 address'}
                  {network.ipv6Address ? ` · ${network.ipv6Address}` : ''}
                </span>
                {network.gateway || network.macAddress ? (
                  <div className="muted mono overview-sub">
                    {network.gateway ? `gateway ${network.gateway}` : ''}
                    {network.gateway && network.macAddress ? ' · ' : ''}
                    {network.macAddress ? `mac ${network.macAddress}` : ''}
                  </div>
                ) : null}
                {network.aliases.length > 0 ? <div className="muted overview-sub">aliases: {network.aliases.join(', ')}</div> : null}
              </Field>
            ))}
          </dl>
        </Section>
      </div>
      <Section title="Mounts">
        {detail.mounts.length === 0 ? (
          <p className="muted">No mounts.</p>
        ) : (
          <table className="overview-table">
            <thead>
              <tr>
                <th>Type</th>
                <th>Source</th>
                <th>Destination</th>
                <th>Mode</th>
              </tr>
            </thead>
            <tbody>
              {detail.mounts.map((mount) => (
                <tr key={mount.destination}>
                  <td>{mount.type}</td>
                  <td className="mono">
                    {mount.name ? `${mount.name}${mount.driver && mount.driver !== 'local' ? ` (${mount.driver})` : ''}` : mount.source}
                  </td>
                  <td className="mono">{mount.destination}</td>
                  <td>
                    {mount.readWrite ? 'read-write' : 'read-only'}
                    {mount.mode ? ` · ${mount.mode}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Labels">
        {detail.compose ? (
          <p className="compose-line">
            <span className="compose-chip">compose</span> project <strong>{detail.compose.project}</strong>
            {detail.compose.service ? (
              <>
                {' '}
                · service <strong>{detail.compose.service}</strong>
              </>
            ) : null}
            {detail.compose.workingDir ? <span className="muted mono"> · {detail.compose.workingDir}</span> : null}
          </p>
        ) : null}
        {labels.length === 0 ? (
          <p className="muted">No labels.</p>
        ) : (
          <ul className="label-list">
            {labels.map(([key, value]) => (
              <li key={key} className={COMPOSE_LABEL.test(key) ? 'label-item label-item--compose' : 'label-item'}>
                <span className="mono label-key">{key}</span>
                <span className="mono label-value">{value}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Environment">
        <EnvList env={detail.env} />
      </Section>
      <Section title="Inspect">
        <RawInspect raw={detail.raw} />
      </Section>
    </div>
  );
}
