import type { FieldErrors, HostForm } from './form-state';
import { SshAuthFields } from './ssh-auth-fields';
import { TextField } from '../../components/text-field';

/** One SSH hop of the form: which form fields hold it and how they are labelled. */
export interface SshHop {
  keys: { user: 'sshUser' | 'jumpUser'; host: 'host' | 'jumpHost'; port: 'sshPort' | 'jumpPort'; auth: 'auth' | 'jumpAuth' };
  labels: { user: string; host: string; port: string; auth: string };
  userPlaceholder?: string;
  hostPlaceholder: string;
}

/** The SSH host the daemon runs on. */
export const sshTargetHop: SshHop = {
  keys: { user: 'sshUser', host: 'host', port: 'sshPort', auth: 'auth' },
  labels: { user: 'SSH user', host: 'Host', port: 'SSH port', auth: 'Authentication' },
  userPlaceholder: 'deploy',
  hostPlaceholder: 'build-01.example.net',
};

/** The jump host the connection goes through. */
export const jumpHop: SshHop = {
  keys: { user: 'jumpUser', host: 'jumpHost', port: 'jumpPort', auth: 'jumpAuth' },
  labels: { user: 'Jump user', host: 'Jump host', port: 'Jump port', auth: 'Jump host authentication' },
  hostPlaceholder: 'bastion.example.net',
};

/** User, host, port and authentication of one SSH hop: the target host and each jump host use this. */
export function SshHopFields({
  hop,
  form,
  errors,
  onChange,
}: {
  hop: SshHop;
  form: HostForm;
  errors: FieldErrors;
  onChange: (form: HostForm) => void;
}) {
  const { keys, labels } = hop;
  return (
    <>
      <div className="field-row">
        <TextField
          label={labels.user}
          value={form[keys.user]}
          onChange={(value) => onChange({ ...form, [keys.user]: value })}
          error={errors[keys.user]}
          {...(hop.userPlaceholder ? { placeholder: hop.userPlaceholder } : {})}
          mono
          required
        />
        <TextField
          label={labels.host}
          value={form[keys.host]}
          onChange={(value) => onChange({ ...form, [keys.host]: value })}
          error={errors[keys.host]}
          placeholder={hop.hostPlaceholder}
          mono
          required
          className="grow"
        />
        <TextField
          label={labels.port}
          value={form[keys.port]}
          onChange={(value) => onChange({ ...form, [keys.port]: value })}
          error={errors[keys.port]}
          inputMode="numeric"
          className="port"
        />
      </div>
      <SshAuthFields
        label={labels.auth}
        prefix={keys.auth}
        value={form[keys.auth]}
        onChange={(auth) => onChange({ ...form, [keys.auth]: auth })}
        errors={errors}
      />
    </>
  );
}
