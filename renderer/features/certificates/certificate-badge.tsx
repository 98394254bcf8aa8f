import type { HostCertificates } from '../../../shared/certificate-health';
import { summarizeHealth } from './describe-health';
import './certificates.css';

/**
 * A host's certificate health in a few characters: warning at 30 days or fewer, critical at 7, or
 * expired, and problems such as a missing SAN. `showOk` also shows a healthy set (the fleet table).
 */
export function CertificateBadge({ certificates, showOk = false }: { certificates: HostCertificates | undefined; showOk?: boolean }) {
  if (!certificates) return null;
  const summary = summarizeHealth(certificates);
  if (summary.level === 'ok' && !showOk) return null;
  return (
    <span className={`cert-badge cert-badge--${summary.level}`} title={summary.long}>
      <span aria-hidden="true">{summary.short}</span>
      <span className="visually-hidden">{summary.long}</span>
    </span>
  );
}
