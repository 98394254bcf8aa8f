import { useId } from 'react';
import type { PathPurpose } from '../../../shared/host-setup-contract';
import type { PemInput } from './form-state';
import { PathField } from './path-field';
import { TextField } from '../../components/text-field';

/** A CA, certificate or key: a file path, or PEM text pasted in. A stored pasted key is never shown. */
export function PemField({
  label,
  purpose,
  value,
  onChange,
  error,
  secret,
}: {
  label: string;
  purpose: PathPurpose;
  value: PemInput;
  onChange: (value: PemInput) => void;
  error?: string | undefined;
  secret?: boolean;
}) {
  const group = useId();
  return (
    <fieldset className="fieldset pem-field">
      <legend className="field-label">{label}</legend>
      <div className="segmented" role="radiogroup" aria-label={`${label} source`}>
        <label className="segmented-option">
          <input type="radio" name={group} checked={value.mode === 'path'} onChange={() => onChange({ ...value, mode: 'path' })} />
          File path
        </label>
        <label className="segmented-option">
          <input type="radio" name={group} checked={value.mode === 'pem'} onChange={() => onChange({ ...value, mode: 'pem' })} />
          Paste PEM
        </label>
        {value.stored ? <span className="stored-marker">stored</span> : null}
      </div>
      {value.mode === 'path' ? (
        <PathField
          label={`${label} file`}
          purpose={purpose}
          value={value.path}
          onChange={(path) => onChange({ ...value, path })}
          error={error}
          placeholder="/path/to/file.pem"
        />
      ) : (
        <TextField
          label={`${label} PEM`}
          value={value.pem}
          onChange={(pem) => onChange({ ...value, pem })}
          error={error}
          placeholder={value.stored ? 'Stored — paste a new one to replace it' : '-----BEGIN …-----'}
          hint={secret ? 'Pasted keys go to the secret store and are never shown again.' : undefined}
          mono
          multiline
        />
      )}
    </fieldset>
  );
}
