import { type FormEvent, useState } from 'react';
import type { HostView } from '../../../shared/host-view';
import type { TlsRenewResult } from '../../../shared/tls-contract';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { useAction } from '../../lib/use-action';
import { TextField } from '../../components/text-field';

function directoryOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '' : path.slice(0, index);
}

/**
 * Issues a new client certificate from the host's CA (its ca.pem and ca-key.pem, on this machine),
 * keeps the old cert.pem and key.pem as backups, and reconnects the host with the new pair.
 */
export function RenewClientForm({ host, onClose }: { host: HostView; onClose: () => void }) {
  const { api } = useServices();
  const transport = host.profile.transport;
  const caPath = transport.type === 'tls' && transport.ca.kind === 'path' ? transport.ca.path : '';
  const [caCertPath, setCaCertPath] = useState(caPath);
  const [caKeyPath, setCaKeyPath] = useState(caPath ? `${directoryOf(caPath)}/ca-key.pem` : '');
  const [caPassphrase, setCaPassphrase] = useState('');
  const [validityDays, setValidityDays] = useState('365');
  const [result, setResult] = useState<TlsRenewResult | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const renew = useAction(async () => {
    const renewed = await api.tls('tls:renew-client', {
      hostId: host.profile.id,
      caCertPath: caCertPath.trim(),
      caKeyPath: caKeyPath.trim(),
      ...(caPassphrase !== '' ? { caPassphrase } : {}),
      validityDays: Number(validityDays),
    });
    setCaPassphrase('');
    setResult(renewed);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const days = Number(validityDays.trim());
    if (!/^\d+$/.test(validityDays.trim()) || days < 1 || days > 3650) return setInvalid('Give a whole number of days from 1 to 3650.');
    if (!caCertPath.trim() || !caKeyPath.trim()) return setInvalid('Give the paths of ca.pem and ca-key.pem.');
    setInvalid(null);
    void renew.run();
  };

  if (result) {
    return (
      <div className="notice notice--ok renew-form" role="status" aria-label="Renewed client certificate">
        <div className="notice-title">New client certificate, valid until {result.certificate.notAfter.slice(0, 10)}</div>
        <p className="notice-body">
          Written to <span className="mono">{result.certPath}</span> and <span className="mono">{result.keyPath}</span>
          {result.backups.length > 0 ? (
            <>
              ; the previous files are kept as <span className="mono">{result.backups.join(', ')}</span>
            </>
          ) : null}
          . {host.profile.name} reconnects with it.
          {result.cappedToCa ? ' It ends when the CA certificate does, sooner than asked: renew the CA with the TLS wizard.' : ''}
        </p>
        <div className="notice-actions">
          <button type="button" className="button button--small" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="renew-form" aria-label="Renew client certificate" onSubmit={submit} noValidate>
      <p className="muted">
        The new certificate must come from the CA the daemon trusts. ca-key.pem stays on this machine; its passphrase is used once and not
        kept.
      </p>
      <div className="field-row">
        <TextField className="grow" label="CA certificate (ca.pem)" value={caCertPath} onChange={setCaCertPath} mono required />
        <TextField className="grow" label="CA key (ca-key.pem)" value={caKeyPath} onChange={setCaKeyPath} mono required />
      </div>
      <div className="field-row">
        <TextField
          className="grow"
          label="CA key passphrase"
          type="password"
          value={caPassphrase}
          onChange={setCaPassphrase}
          hint="Only when ca-key.pem is encrypted."
          autoComplete="off"
        />
        <TextField className="days" label="Validity (days)" value={validityDays} onChange={setValidityDays} inputMode="numeric" mono />
      </div>
      {invalid ? (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      ) : null}
      {renew.error ? <ErrorNotice error={renew.error} title="Could not renew:" /> : null}
      <div className="renew-actions">
        <button type="submit" className="button button--primary" disabled={renew.pending}>
          {renew.pending ? 'Renewing…' : 'Renew'}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
