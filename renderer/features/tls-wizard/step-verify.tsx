import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import type { TlsVerifyResult } from '../../../shared/tls-contract';
import { ErrorNotice } from '../../components/error-notice';
import { StatusBadge } from '../../components/status-badge';
import { TextField } from '../../components/text-field';
import { DaemonAnswer } from './daemon-answer';
import type { StepProps } from './step-daemon';

export type VerifyState =
  { status: 'idle' } | { status: 'running' } | { status: 'done'; result: TlsVerifyResult } | { status: 'failed'; error: ErrorEnvelope };

/** Step 6: connect over TLS with the new client certificate, show what answered, and save the host. */
export function VerifyStep({
  form,
  errors,
  onChange,
  verify,
  onVerify,
  replaceable,
  saved,
  saving,
  saveError,
  onSave,
}: StepProps & {
  verify: VerifyState;
  onVerify: () => void;
  /** The plain-tcp host the wizard was opened for, which saving can switch to TLS. */
  replaceable: HostView | undefined;
  saved: HostView | undefined;
  saving: boolean;
  saveError: ErrorEnvelope | null;
  onSave: () => void;
}) {
  const result = verify.status === 'done' ? verify.result : undefined;
  return (
    <div className="wizard-step-body">
      <p className="wizard-lead">
        Berth connects to the daemon over TLS with the new client certificate, checks the daemon&apos;s certificate against the new CA and
        asks for its version.
      </p>
      <fieldset className="fieldset" disabled={saved !== undefined}>
        <div className="field-row">
          <TextField
            className="grow"
            label="Address"
            value={form.address}
            onChange={(address) => onChange({ ...form, address })}
            error={errors.address}
            mono
          />
          <TextField
            className="port"
            label="TLS port"
            value={form.port}
            onChange={(port) => onChange({ ...form, port })}
            error={errors.port}
            mono
            inputMode="numeric"
          />
          <TextField
            className="grow"
            label="Server name (optional)"
            value={form.serverName}
            onChange={(serverName) => onChange({ ...form, serverName })}
            error={errors.serverName}
            hint="Only when the certificate names the daemon differently from the address."
            mono
          />
        </div>
      </fieldset>
      <div className="wizard-inline-actions">
        <button
          type="button"
          className={`button${result ? '' : ' button--primary'}`}
          onClick={onVerify}
          disabled={verify.status === 'running' || saved !== undefined}
        >
          {verify.status === 'running' ? 'Verifying…' : result ? 'Verify again' : 'Verify connection'}
        </button>
      </div>
      {verify.status === 'failed' ? <ErrorNotice error={verify.error} title="The daemon did not answer over TLS:" /> : null}
      {result ? (
        <DaemonAnswer
          label="Verification result"
          title={`Docker ${result.serverVersion} answers over ${result.protocol ?? 'TLS'}`}
          daemon={result}
        />
      ) : null}
      {result ? (
        <div className="save-host">
          <h3 className="wizard-subtitle">Save as TLS host</h3>
          <fieldset className="fieldset" disabled={saved !== undefined || saving}>
            <TextField
              label="Host name"
              value={form.hostName}
              onChange={(hostName) => onChange({ ...form, hostName })}
              error={errors.hostName}
              required
            />
            {replaceable ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={form.replaceHost}
                  onChange={(event) => onChange({ ...form, replaceHost: event.target.checked })}
                />
                Switch {replaceable.profile.name} from plain tcp to TLS (instead of adding a new host)
              </label>
            ) : null}
          </fieldset>
          {saveError ? <ErrorNotice error={saveError} title="Could not save the host:" /> : null}
          {saved ? (
            <div className="notice notice--ok" role="status" aria-label="Saved host">
              <div className="notice-title">
                Saved {saved.profile.name} <StatusBadge status={saved.status} />
              </div>
              <p className="notice-body">
                Its certificates are checked whenever it connects; Berth warns 30 and 7 days before they expire.
              </p>
            </div>
          ) : (
            <div className="wizard-inline-actions">
              <button type="button" className="button button--primary" onClick={onSave} disabled={saving}>
                {saving ? 'Saving…' : 'Save as TLS host'}
              </button>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
