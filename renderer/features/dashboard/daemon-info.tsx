import { type ReactNode, memo } from 'react';
import type { DaemonSummary } from '../../../shared/snapshot';
import { Panel } from '../../components/panel';
import { formatMemory } from '../../lib/format';

function Chips({ values, tone }: { values: readonly string[]; tone?: 'warn' }) {
  if (values.length === 0) return <span className="muted">none</span>;
  return (
    <span className="chip-list">
      {values.map((value) => (
        <span key={value} className={`chip mono${tone ? ` chip--${tone}` : ''}`}>
          {value}
        </span>
      ))}
    </span>
  );
}

/** What /version and /info say about the daemon. Memoized: the summary keeps its identity between pushes. */
export const DaemonInfo = memo(function DaemonInfo({ summary }: { summary: DaemonSummary }) {
  const rows: Array<[string, ReactNode]> = [
    ['Engine', <span className="mono">{summary.serverVersion || '–'}</span>],
    [
      'API',
      <span className="mono">
        {summary.apiVersion || '–'}
        {summary.minApiVersion ? <span className="muted"> (min {summary.minApiVersion})</span> : null}
      </span>,
    ],
    ['OS', summary.os || summary.osType || '–'],
    ['Kernel', <span className="mono">{summary.kernelVersion || '–'}</span>],
    ['Architecture', summary.architecture || '–'],
    ['CPUs', summary.cpus > 0 ? summary.cpus : '–'],
    ['Memory', formatMemory(summary.memoryBytes)],
    ['Docker root dir', <span className="mono">{summary.dockerRootDir || '–'}</span>],
    ['Logging driver', summary.loggingDriver || '–'],
    ['Cgroup driver', `${summary.cgroupDriver || '–'}${summary.cgroupVersion ? ` (cgroup v${summary.cgroupVersion})` : ''}`],
    ['Security options', <Chips values={summary.securityOptions} />],
    ['Insecure registries', <Chips values={summary.insecureRegistries} tone="warn" />],
  ];
  if (summary.registryMirrors.length > 0) rows.push(['Registry mirrors', <Chips values={summary.registryMirrors} />]);
  return (
    <Panel title="Daemon" className="daemon-panel">
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.daemonWarnings.length > 0 ? (
        <ul className="daemon-warnings" aria-label="Daemon warnings">
          {summary.daemonWarnings.map((warning) => (
            <li key={warning} className="warning-item warning-item--warning">
              <span className="warning-text">{warning.replace(/\s*\n\s*/g, ' ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
});
