import { type FormEvent, useState } from 'react';
import type { HostView, RedactedProfile, SecretRole } from '../../../shared/host-view';
import { jumpIndexOfRole } from '../../../shared/secret-fields';
import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';

/** What to call a lost secret, with the account it belongs to. */
export function describeSecret(profile: RedactedProfile, role: SecretRole): string {
  const transport = profile.transport;
  if (transport.type === 'ssh') {
    const jumpIndex = jumpIndexOfRole(role);
    const hop = jumpIndex === undefined ? transport : transport.jumpHosts?.[jumpIndex];
    const account = hop ? ` for ${hop.user}@${hop.host}` : '';
    if (role.endsWith('-password')) return `SSH password${account}`;
    if (role.endsWith('-passphrase')) return `key passphrase${account}`;
  }
  return 'pasted TLS client key';
}

/**
 * Asks for a saved secret the store lost (SECRET_MISSING) and saves it: the host connects once
 * nothing is missing. One secret at a time; the next one appears when this one is saved.
 */
export function MissingSecretForm({ host, compact = false }: { host: HostView; compact?: boolean }) {
  const { api } = useServices();
  const role = host.missingSecrets?.[0];
  const [value, setValue] = useState('');
  const save = useAction(async (secret: string) => {
    if (role) await api.provideSecret(host.profile.id, role, secret);
    setValue('');
  });
  if (!role) return null;
  const what = describeSecret(host.profile, role);
  const multiline = role === 'tls-key';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== '') void save.run(value);
  };
  return (
    <form
      className={`unlock-form missing-secret-form${compact ? ' missing-secret-form--compact' : ''}`}
      aria-label={`Enter the ${what} of ${host.profile.name}`}
      onSubmit={submit}
    >
      {multiline ? (
        <textarea
          className="input mono"
          aria-label={what}
          placeholder="-----BEGIN PRIVATE KEY-----"
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      ) : (
        <input
          type="password"
          className="input"
          aria-label={what}
          placeholder={compact ? what : `Enter the ${what}`}
          autoComplete="off"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            save.reset();
          }}
        />
      )}
      <button type="submit" className="button button--primary button--small" disabled={save.pending || value === ''}>
        {save.pending ? 'Saving…' : compact ? 'Save' : 'Save and connect'}
      </button>
      {save.error ? (
        <span className="field-error" role="alert">
          {save.error.message} <code>{save.error.code}</code>
        </span>
      ) : null}
    </form>
  );
}
