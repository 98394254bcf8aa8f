import { useId } from 'react';
import type { AuthInput, FieldErrors } from './form-state';
import { TextField } from '../../components/text-field';
import { PathField } from './path-field';

const METHODS: Array<[AuthInput['method'], string]> = [
  ['key', 'Key file'],
  ['agent', 'SSH agent'],
  ['password', 'Password'],
];

/** SSH authentication: a key file (with passphrase), the agent, or a password. Stored secrets show a marker only. */
export function SshAuthFields({
  value,
  onChange,
  errors,
  prefix,
  label,
}: {
  value: AuthInput;
  onChange: (value: AuthInput) => void;
  errors: FieldErrors;
  /** Where its errors are: `auth`, or `jumpHosts.<index>.auth`. */
  prefix: string;
  label: string;
}) {
  const group = useId();
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{label}</legend>
      <div className="segmented" role="radiogroup" aria-label={label}>
        {METHODS.map(([method, text]) => (
          <label key={method} className="segmented-option">
            <input type="radio" name={group} checked={value.method === method} onChange={() => onChange({ ...value, method })} />
            {text}
          </label>
        ))}
      </div>
      {value.method === 'key' ? (
        <div className="field-row">
          <PathField
            label="Private key file"
            purpose="ssh-key"
            value={value.keyPath}
            onChange={(keyPath) => onChange({ ...value, keyPath })}
            error={errors[`${prefix}.keyPath`]}
            placeholder="~/.ssh/id_ed25519"
          />
          <TextField
            label="Key passphrase"
            type="password"
            value={value.passphrase}
            onChange={(passphrase) => onChange({ ...value, passphrase })}
            error={errors[`${prefix}.passphrase`]}
            placeholder={value.passphraseStored ? 'stored — type to replace' : 'if the key has one'}
            hint={value.passphraseStored ? <span className="stored-marker">stored</span> : undefined}
            autoComplete="new-password"
          />
        </div>
      ) : null}
      {value.method === 'agent' ? (
        <TextField
          label="Agent socket"
          value={value.agentSocket}
          onChange={(agentSocket) => onChange({ ...value, agentSocket })}
          placeholder="$SSH_AUTH_SOCK"
          hint="Leave empty to use SSH_AUTH_SOCK."
          mono
        />
      ) : null}
      {value.method === 'password' ? (
        <TextField
          label="Password"
          type="password"
          value={value.password}
          onChange={(password) => onChange({ ...value, password })}
          error={errors[`${prefix}.password`]}
          placeholder={value.passwordStored ? 'stored — type to replace' : ''}
          hint={value.passwordStored ? <span className="stored-marker">stored</span> : undefined}
          autoComplete="new-password"
        />
      ) : null}
    </fieldset>
  );
}
