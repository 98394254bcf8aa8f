import { useState } from 'react';
import { certificateRoleLabels } from '../../../shared/certificate-health';
import type { HostView } from '../../../shared/host-view';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { useAction } from '../../lib/use-action';
import { CertificateBadge } from './certificate-badge';
import { RenewClientForm } from './renew-client-form';
import { ServerNameFix } from './server-name-fix';
import './certificates.css';

const levelText = { ok: 'OK', warning: 'Expires soon', critical: 'Critical', expired: 'Expired' } as const;

/** A TLS host's CA, client and server certificates: days left, state, problems; check again or renew the client certificate. */
export function CertificatesPanel({ host }: { host: HostView }) {
  const { api } = useServices();
  const [renewing, setRenewing] = useState(false);
  const check = useAction(() => api.tls('tls:health', { hostId: host.profile.id }));
  const certificates = host.certificates;
  const transport = host.profile.transport;
  if (transport.type !== 'tls') return null;
  return (
    <Panel
      title="Certificates"
      className="certificates-panel"
      actions={
        <>
          <CertificateBadge certificates={certificates} showOk />
          {certificates ? (
            <span className="muted">
              checked <RelativeTime epochMs={certificates.checkedAt} />
            </span>
          ) : null}
          <button type="button" className="button button--small button--ghost" onClick={() => void check.run()} disabled={check.pending}>
            {check.pending ? 'Checking…' : 'Check now'}
          </button>
          <button type="button" className="button button--small" onClick={() => setRenewing((open) => !open)} aria-expanded={renewing}>
            Renew client certificate
          </button>
        </>
      }
    >
      {check.error ? <ErrorNotice error={check.error} title="Could not check the certificates:" /> : null}
      {certificates && certificates.entries.length > 0 ? (
        <table className="data-table cert-health-table" aria-label="Certificates">
          <thead>
            <tr>
              <th scope="col">Certificate</th>
              <th scope="col">Subject</th>
              <th scope="col">Expires</th>
              <th scope="col" className="num">
                Days left
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {certificates.entries.map((entry) => (
              <tr key={entry.role}>
                <th scope="row">{certificateRoleLabels[entry.role]}</th>
                <td className="mono">
                  {entry.subject}
                  {entry.names ? <div className="cert-names muted">{entry.names.join(', ')}</div> : null}
                  {entry.problems.length > 0 ? (
                    <ul className="cert-problems">
                      {entry.problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  ) : null}
                  {entry.role === 'server' ? <ServerNameFix host={host} /> : null}
                </td>
                <td>{entry.notAfter.slice(0, 10)}</td>
                <td className="num">{entry.daysLeft}</td>
                <td>
                  <span className={`cert-badge cert-badge--${entry.level}`}>{levelText[entry.level]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{certificates ? 'No certificate could be read.' : 'Not checked yet: Check now reads them.'}</p>
      )}
      {certificates?.notes?.map((note) => (
        <p key={note} className="cert-notes">
          {note}
        </p>
      ))}
      {renewing ? <RenewClientForm host={host} onClose={() => setRenewing(false)} /> : null}
    </Panel>
  );
}
