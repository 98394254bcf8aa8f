import type { AuthInput, FieldErrors } from './form-state';
import { SshAuthFields } from './ssh-auth-fields';
import { TextField } from '../../components/text-field';

/** One SSH hop as the form holds it: the target host and each jump host. */
export interface HopInput {
  user: string;
  host: string;
  port: string;
  auth: AuthInput;
}

/** How one hop's fields are labelled, and where their errors are (FieldErrors keys). */
export interface HopLayout {
  labels: { user: string; host: string; port: string; auth: string };
  errorKeys: { user: string; host: string; port: string; auth: string };
  userPlaceholder?: string;
  hostPlaceholder: string;
}

/** The SSH host the daemon runs on. */
export const sshTargetLayout: HopLayout = {
  labels: { user: 'SSH user', host: 'Host', port: 'SSH port', auth: 'Authentication' },
  errorKeys: { user: 'sshUser', host: 'host', port: 'sshPort', auth: 'auth' },
  userPlaceholder: 'deploy',
  hostPlaceholder: 'build-01.example.net',
};

/** Jump host `index` (0-based) of the chain. */
export function jumpLayout(index: number): HopLayout {
  const prefix = `jumpHosts.${index}`;
  return {
    labels: { user: 'Jump user', host: `Jump host ${index + 1}`, port: 'Port', auth: `Jump host ${index + 1} authentication` },
    errorKeys: { user: `${prefix}.user`, host: `${prefix}.host`, port: `${prefix}.port`, auth: `${prefix}.auth` },
    hostPlaceholder: 'bastion.example.net',
  };
}

/** User, host, port and authentication of one SSH hop: the target host and each jump host use this. */
export function SshHopFields({
  layout,
  value,
  errors,
  onChange,
}: {
  layout: HopLayout;
  value: HopInput;
  errors: FieldErrors;
  onChange: (value: HopInput) => void;
}) {
  const { labels, errorKeys } = layout;
  return (
    <>
      <div className="field-row">
        <TextField
          label={labels.user}
          value={value.user}
          onChange={(user) => onChange({ ...value, user })}
          error={errors[errorKeys.user]}
          {...(layout.userPlaceholder ? { placeholder: layout.userPlaceholder } : {})}
          mono
          required
        />
        <TextField
          label={labels.host}
          value={value.host}
          onChange={(host) => onChange({ ...value, host })}
          error={errors[errorKeys.host]}
          placeholder={layout.hostPlaceholder}
          mono
          required
          className="grow"
        />
        <TextField
          label={labels.port}
          value={value.port}
          onChange={(port) => onChange({ ...value, port })}
          error={errors[errorKeys.port]}
          inputMode="numeric"
          className="port"
        />
      </div>
      <SshAuthFields
        label={labels.auth}
        prefix={errorKeys.auth}
        value={value.auth}
        onChange={(auth) => onChange({ ...value, auth })}
        errors={errors}
      />
    </>
  );
}
