import type { ReactNode } from 'react';
import type { TlsVerifyResult } from '../../../shared/tls-contract';

/**
 * The result block of the install and verify steps: which Docker answered over TLS and the
 * certificate it presented.
 */
export function DaemonAnswer({
  label,
  title,
  daemon,
  children,
}: {
  /** The accessible name of the status region. */
  label: string;
  title: ReactNode;
  daemon: TlsVerifyResult | undefined;
  children?: ReactNode;
}) {
  return (
    <div className="notice notice--ok" role="status" aria-label={label}>
      <div className="notice-title">{title}</div>
      {daemon ? (
        <>
          <p className="notice-body">
            API {daemon.apiVersion}
            {daemon.os ? ` · ${daemon.os}` : ''}
            {daemon.arch ? `/${daemon.arch}` : ''}. Its certificate:
          </p>
          <dl className="cert-facts cert-facts--wide">
            <dt>Subject</dt>
            <dd className="mono">{daemon.serverCertificate.subject}</dd>
            <dt>Issuer</dt>
            <dd className="mono">{daemon.serverCertificate.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              {daemon.serverCertificate.notBefore.slice(0, 10)} to {daemon.serverCertificate.notAfter.slice(0, 10)}
            </dd>
            <dt>Names</dt>
            <dd className="mono">
              {daemon.serverCertificate.sans.map((san) => `${san.type === 'ip' ? 'IP' : 'DNS'}:${san.value}`).join(', ')}
            </dd>
            <dt>SHA-256</dt>
            <dd className="mono fingerprint-line">{daemon.serverCertificate.fingerprintSha256}</dd>
          </dl>
        </>
      ) : null}
      {children}
    </div>
  );
}
