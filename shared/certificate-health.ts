/**
 * Certificate health of a TLS host: its CA and client certificate (from the profile) and the
 * server certificate the daemon presents, each with days left and what is wrong with it. Shown as
 * badges in the sidebar and the fleet table, and in detail on the dashboard.
 */
export type CertificateLevel = 'ok' | 'warning' | 'critical' | 'expired';
export type CertificateRoleName = 'ca' | 'client' | 'server';

/** Warning at this many days left or fewer; critical at certificateCriticalDays or fewer. */
export const certificateWarningDays = 30;
export const certificateCriticalDays = 7;

export interface CertificateHealthEntry {
  role: CertificateRoleName;
  subject: string;
  /** ISO date. */
  notAfter: string;
  /** Calendar days (UTC) until notAfter, as the wizard counts validity (daysLeftUntil); negative once expired. */
  daysLeft: number;
  level: CertificateLevel;
  /** What is wrong besides the date: wrong purpose, a SAN that does not name the address, another CA. */
  problems: string[];
  /** Leaf certificates: the subjectAltName entries ("DNS:docker.example", "IP:10.0.0.5"). */
  names?: string[];
}

export interface HostCertificates {
  /** Epoch milliseconds of the check. */
  checkedAt: number;
  /** The worst level of all entries (and 'critical' when a certificate could not be read at all). */
  worst: CertificateLevel;
  entries: CertificateHealthEntry[];
  /** Certificates that could not be read, and why (e.g. the TLS handshake failed). */
  notes?: string[];
}

const rank: Record<CertificateLevel, number> = { ok: 0, warning: 1, critical: 2, expired: 3 };

/** The worse of two levels. */
export function worseLevel(a: CertificateLevel, b: CertificateLevel): CertificateLevel {
  return rank[a] >= rank[b] ? a : b;
}

export function levelRank(level: CertificateLevel): number {
  return rank[level];
}

const dayMs = 86_400_000;

/**
 * Days left until `notAfter`, counted in calendar days (UTC) the way a validity is chosen: a
 * certificate made today for 365 days has 365 days left all day today, 364 tomorrow, and 0 on the
 * day it expires ("expires today"). Once expired, minus the calendar days since. Counting whole
 * 24-hour periods instead would show 364 a second after the wizard made a 365-day certificate.
 */
export function daysLeftUntil(notAfter: Date, now: Date): number {
  const day = (date: Date) => Math.floor(date.getTime() / dayMs);
  return day(notAfter) - day(now);
}

/** The level a certificate's remaining validity gives on its own. */
export function expiryLevel(daysLeft: number, expired: boolean): CertificateLevel {
  if (expired || daysLeft < 0) return 'expired';
  if (daysLeft <= certificateCriticalDays) return 'critical';
  if (daysLeft <= certificateWarningDays) return 'warning';
  return 'ok';
}

export const certificateRoleLabels: Record<CertificateRoleName, string> = {
  ca: 'CA certificate',
  client: 'Client certificate',
  server: 'Server certificate',
};
