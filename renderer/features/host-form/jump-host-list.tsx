import { MAX_JUMP_HOSTS } from '../../../shared/profile';
import { type FieldErrors, type JumpHostInput, type SshOptions, emptyJumpHost } from './form-state';
import { SshHopFields, jumpLayout } from './ssh-hop-fields';
import './jump-host-list.css';

function describeHop(hop: JumpHostInput, index: number): string {
  const host = hop.host.trim();
  if (host === '') return `jump host ${index + 1}`;
  return hop.port.trim() === '' || hop.port.trim() === '22' ? host : `${host}:${hop.port.trim()}`;
}

/** What the host took from ~/.ssh/config beyond the form's fields: shown, kept on save. */
export function ImportedSshOptions({ options }: { options: SshOptions }) {
  const parts = [
    options.keepaliveIntervalSeconds === undefined
      ? undefined
      : options.keepaliveIntervalSeconds === 0
        ? 'no keep-alives (ServerAliveInterval 0)'
        : `keep-alive every ${options.keepaliveIntervalSeconds} s`,
    options.connectTimeoutSeconds === undefined ? undefined : `connect timeout ${options.connectTimeoutSeconds} s`,
    options.knownHostsFiles?.length ? `host keys also from ${options.knownHostsFiles.join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  if (parts.length === 0) return null;
  return <p className="field-hint">From your ssh config: {parts.join(' · ')}.</p>;
}

/**
 * The jump hosts (ProxyJump) the SSH connection goes through, in order: the first is dialled from
 * this machine, each next one through the one before, and the last one reaches the Docker host.
 */
export function JumpHostList({
  hops,
  errors,
  onChange,
}: {
  hops: JumpHostInput[];
  errors: FieldErrors;
  onChange: (hops: JumpHostInput[]) => void;
}) {
  const replace = (index: number, hop: JumpHostInput) => onChange(hops.map((each, at) => (at === index ? hop : each)));
  const remove = (index: number) => onChange(hops.filter((_, at) => at !== index));
  const move = (index: number, by: -1 | 1) => {
    const next = [...hops];
    const [hop] = next.splice(index, 1);
    if (hop) next.splice(index + by, 0, hop);
    onChange(next);
  };
  return (
    <fieldset className="fieldset jump-hosts">
      <legend className="field-label">Jump hosts</legend>
      {hops.length === 0 ? (
        <p className="field-hint">Direct connection. Add a jump host to go through a bastion (ssh -J).</p>
      ) : (
        <p className="field-hint">
          Reached in this order: this computer → {hops.map(describeHop).join(' → ')} → the Docker host. Each host key is checked.
        </p>
      )}
      {errors['jumpHosts'] ? <p className="field-error">{errors['jumpHosts']}</p> : null}
      <ol className="jump-host-list">
        {hops.map((hop, index) => (
          <li key={index} className="nested jump-host" aria-label={`Jump host ${index + 1}`}>
            <SshHopFields layout={jumpLayout(index)} value={hop} errors={errors} onChange={(value) => replace(index, value)} />
            <div className="jump-host__actions">
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => move(index, -1)}
                disabled={index === 0}
                aria-label={`Move jump host ${index + 1} up`}
              >
                ↑ Earlier
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => move(index, 1)}
                disabled={index === hops.length - 1}
                aria-label={`Move jump host ${index + 1} down`}
              >
                ↓ Later
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => remove(index)}
                aria-label={`Remove jump host ${index + 1}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...hops, emptyJumpHost()])}
        disabled={hops.length >= MAX_JUMP_HOSTS}
      >
        Add jump host
      </button>
    </fieldset>
  );
}
