import { useId } from 'react';
import type { HostView } from '../../../shared/host-view';
import { describeAddress } from '../../lib/transport-label';
import { TextField } from '../../components/text-field';
import { type WizardErrors, type WizardForm, withAddress, withTarget } from './wizard-state';

export interface StepProps {
  form: WizardForm;
  errors: WizardErrors;
  onChange: (form: WizardForm) => void;
}

/** Step 1: which daemon, and every name and address clients will use for it. */
export function DaemonStep({ form, errors, onChange, hosts }: StepProps & { hosts: readonly HostView[] }) {
  const groupName = useId();
  const selectId = useId();
  const hostErrorId = useId();
  const candidates = hosts.filter((host) => host.profile.transport.type !== 'unix' && host.profile.transport.type !== 'npipe');
  return (
    <div className="wizard-step-body">
      <p className="wizard-lead">
        Berth makes a certificate authority (CA), a certificate for the daemon and one for your clients. The daemon&apos;s certificate must
        name every address clients use to reach it.
      </p>
      <fieldset className="fieldset">
        <legend className="field-label">Which daemon?</legend>
        <div className="radio-row">
          <label className="radio">
            <input
              type="radio"
              name={groupName}
              checked={form.target === 'existing'}
              disabled={candidates.length === 0}
              onChange={() => onChange(withTarget(form, hosts, 'existing', form.hostId || (candidates[0]?.profile.id ?? '')))}
            />
            An existing host
          </label>
          <label className="radio">
            <input
              type="radio"
              name={groupName}
              checked={form.target === 'new'}
              onChange={() => onChange(withTarget(form, hosts, 'new', ''))}
            />
            A new address
          </label>
        </div>
        {form.target === 'existing' ? (
          <div className="field">
            <label className="field-label" htmlFor={selectId}>
              Host
            </label>
            <select
              id={selectId}
              className="select"
              value={form.hostId}
              aria-invalid={errors.hostId ? true : undefined}
              aria-describedby={errors.hostId ? hostErrorId : undefined}
              onChange={(event) => onChange(withTarget(form, hosts, 'existing', event.target.value))}
            >
              {form.hostId === '' ? <option value="">Choose a host…</option> : null}
              {candidates.map((host) => (
                <option key={host.profile.id} value={host.profile.id}>
                  {host.profile.name} — {describeAddress(host.profile.transport)}
                </option>
              ))}
            </select>
            {errors.hostId ? (
              <p id={hostErrorId} className="field-error">
                {errors.hostId}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      <div className="field-row">
        <TextField
          className="grow"
          label="Address clients use"
          value={form.address}
          onChange={(address) => onChange(withAddress(form, hosts, address))}
          error={errors.address}
          hint="The IP address or DNS name in DOCKER_HOST, e.g. 203.0.113.5 or docker.example.com."
          placeholder="203.0.113.5"
          mono
          required
          autoFocus
        />
        <TextField
          className="port"
          label="TLS port"
          value={form.port}
          onChange={(port) => onChange({ ...form, port })}
          error={errors.port}
          inputMode="numeric"
          mono
        />
      </div>
      <TextField
        label="Other names and addresses"
        value={form.extraNames}
        onChange={(extraNames) => onChange({ ...form, extraNames })}
        error={errors.extraNames}
        hint="Separated by commas or new lines: every other IP and DNS name clients may use (IP:… and DNS:… prefixes are fine too)."
        placeholder="docker.internal, 10.0.0.5"
        multiline
        mono
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.includeLoopback}
          onChange={(event) => onChange({ ...form, includeLoopback: event.target.checked })}
        />
        Also valid for localhost and 127.0.0.1 (on the daemon&apos;s host itself)
      </label>
    </div>
  );
}
