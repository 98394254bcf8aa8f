import {
  type CertificateHealthEntry,
  type CertificateLevel,
  type HostCertificates,
  certificateRoleLabels,
  levelRank,
} from '../../../shared/certificate-health';

export interface HealthSummary {
  level: CertificateLevel;
  /** For the sidebar and the fleet table: "Cert 12 d", "Cert expired", "Cert problem", "Certs OK". */
  short: string;
  /** The sentence behind it: "Client certificate expires in 12 days". */
  long: string;
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** The entry that decides the host's badge: the worst level, and of those the soonest to expire. */
export function decisiveEntry(certificates: HostCertificates): CertificateHealthEntry | undefined {
  return [...certificates.entries].sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.daysLeft - b.daysLeft)[0];
}

export function describeEntry(entry: CertificateHealthEntry): string {
  const role = certificateRoleLabels[entry.role];
  if (entry.level === 'expired') return `${role} expired ${entry.daysLeft < 0 ? `${days(-entry.daysLeft)} ago` : 'today'}`;
  const otherProblem = entry.problems.find((problem) => !problem.startsWith('expired on'));
  if (otherProblem && entry.daysLeft > 30) return `${role}: ${otherProblem}`;
  if (entry.daysLeft === 0) return `${role} expires today`;
  return `${role} expires in ${days(entry.daysLeft)}`;
}

export function summarizeHealth(certificates: HostCertificates): HealthSummary {
  const entry = decisiveEntry(certificates);
  if (entry && entry.level !== 'ok') {
    const long = describeEntry(entry);
    if (entry.level === 'expired') return { level: 'expired', short: 'Cert expired', long };
    const problem = entry.problems.some((p) => !p.startsWith('expired on')) && entry.daysLeft > 30;
    return { level: entry.level, short: problem ? 'Cert problem' : `Cert ${entry.daysLeft} d`, long };
  }
  if (certificates.worst !== 'ok') {
    // Only notes made it worse than its entries: something could not be read.
    return { level: certificates.worst, short: 'Cert unread', long: certificates.notes?.[0] ?? 'A certificate could not be read.' };
  }
  const soonest = [...certificates.entries].sort((a, b) => a.daysLeft - b.daysLeft)[0];
  return {
    level: 'ok',
    short: 'Certs OK',
    long: soonest ? `Certificates OK; the first expires in ${days(soonest.daysLeft)}` : 'Certificates OK',
  };
}
