import { memo, useState } from 'react';
import type { StorageReading } from '../../../shared/snapshot';
import { Panel } from '../../components/panel';
import { driverFacts } from './driver-details';
import { StorageWarnings } from './storage-warnings';
import './storage.css';

/** The storage driver: its name, what Berth read from its status, its warnings and the raw pairs. */
export const StoragePanel = memo(function StoragePanel({ storage }: { storage: StorageReading }) {
  const facts = driverFacts(storage.reading);
  // Collapsed when the facts above already read the pairs; open when they are all there is.
  const [showRaw, setShowRaw] = useState(facts.length === 0 && storage.status.length <= 6);
  return (
    <Panel
      title="Storage"
      className="storage-panel"
      actions={<span className="pill pill--neutral mono">{storage.driver || 'unknown driver'}</span>}
    >
      <StorageWarnings warnings={storage.warnings} />
      {facts.length > 0 ? (
        <dl className="facts facts--compact">
          {facts.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="raw-status">
        {storage.status.length === 0 ? (
          <p className="muted">The daemon reported no driver status.</p>
        ) : (
          <>
            <button type="button" className="link-button" aria-expanded={showRaw} onClick={() => setShowRaw(!showRaw)}>
              {showRaw ? 'Hide' : 'Show'} driver status ({storage.status.length} {storage.status.length === 1 ? 'pair' : 'pairs'})
            </button>
            {showRaw ? (
              <table className="data-table kv-table" aria-label="Driver status">
                <tbody>
                  {storage.status.map(([label, value], index) => (
                    <tr key={`${index}:${label}`}>
                      <th scope="row">{label}</th>
                      <td className="mono">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        )}
      </div>
    </Panel>
  );
});
