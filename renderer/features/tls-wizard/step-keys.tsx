import { useId } from 'react';
import { type TlsKeyType, tlsKeyTypes } from '../../../shared/tls-contract';
import { TextField } from '../../components/text-field';
import type { StepProps } from './step-daemon';

const keyTypeText: Record<TlsKeyType, { label: string; hint: string }> = {
  'ec-p256': { label: 'EC P-256 (recommended)', hint: 'Small and fast; every supported Docker release reads it.' },
  'rsa-2048': { label: 'RSA 2048', hint: 'For old clients and tools that cannot read EC keys.' },
  'rsa-4096': { label: 'RSA 4096', hint: 'Slower to make (a few seconds) and to use.' },
};

/** Step 2: key type, validity, the CA key's passphrase and where the six files go. */
export function KeysStep({ form, errors, onChange }: StepProps) {
  const groupName = useId();
  return (
    <div className="wizard-step-body">
      <fieldset className="fieldset">
        <legend className="field-label">Key type</legend>
        <div className="choice-list">
          {tlsKeyTypes.map((keyType) => (
            <label key={keyType} className={`choice${form.keyType === keyType ? ' choice--selected' : ''}`}>
              <input type="radio" name={groupName} checked={form.keyType === keyType} onChange={() => onChange({ ...form, keyType })} />
              <span className="choice-text">
                <span className="choice-label">{keyTypeText[keyType].label}</span>
                <span className="choice-hint">{keyTypeText[keyType].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        className="days"
        label="Validity (days)"
        value={form.validityDays}
        onChange={(validityDays) => onChange({ ...form, validityDays })}
        error={errors.validityDays}
        hint="All three certificates; Berth warns 30 days before they run out."
        inputMode="numeric"
        mono
      />
      <div className="field-row">
        <TextField
          className="grow"
          label="CA key passphrase"
          type="password"
          value={form.caPassphrase}
          onChange={(caPassphrase) => onChange({ ...form, caPassphrase })}
          error={errors.caPassphrase}
          hint="Optional: encrypts ca-key.pem. You need it to renew client certificates; Berth never stores it."
          autoComplete="new-password"
        />
        <TextField
          className="grow"
          label="Repeat the passphrase"
          type="password"
          value={form.caPassphraseConfirm}
          onChange={(caPassphraseConfirm) => onChange({ ...form, caPassphraseConfirm })}
          error={errors.caPassphraseConfirm}
          autoComplete="new-password"
        />
      </div>
      <TextField
        label="Save the files in"
        value={form.outDir}
        onChange={(outDir) => onChange({ ...form, outDir })}
        error={errors.outDir}
        hint="A directory on this machine (created 0700; every file 0400): ca.pem, ca-key.pem, server-cert.pem, server-key.pem, cert.pem, key.pem."
        mono
        required
      />
      <label className="checkbox">
        <input type="checkbox" checked={form.overwrite} onChange={(event) => onChange({ ...form, overwrite: event.target.checked })} />
        Replace existing certificate files in this directory
      </label>
    </div>
  );
}
