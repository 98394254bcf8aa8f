import type { FieldErrors, HostForm } from './form-state';
import { CertificateFolderField } from './certificate-folder-field';
import { PemField } from './pem-field';
import { ImportedSshOptions, JumpHostList } from './jump-host-list';
import { SshHopFields, sshTargetLayout } from './ssh-hop-fields';
import { TextField } from '../../components/text-field';

export interface TransportFieldsProps {
  form: HostForm;
  errors: FieldErrors;
  onChange: (form: HostForm) => void;
}

export function LocalFields({ form, errors, onChange }: TransportFieldsProps) {
  return (
    <TextField
      label="Socket path"
      value={form.socketPath}
      onChange={(socketPath) => onChange({ ...form, socketPath })}
      error={errors.socketPath}
      hint="The daemon's unix socket on this machine (default /var/run/docker.sock), or a Windows named pipe like //./pipe/docker_engine."
      mono
      required
    />
  );
}

/** The one warning plain tcp must always carry. */
export function PlainTcpWarning() {
  return (
    <div className="notice notice--warning" role="note" aria-label="Unencrypted connection warning">
      <div className="notice-title">Plain tcp has no encryption and no authentication</div>
      <p className="notice-body">
        The Docker API without TLS is <strong>root access to that host</strong> for anyone who can reach the port. By convention 2375 is the
        unencrypted port and 2376 the TLS one. Prefer TLS with client certificates, or SSH.
      </p>
    </div>
  );
}

/** Host and port of a tcp or TLS daemon; each transport keeps its own port. */
function HostPortRow({ form, errors, onChange, portKey }: TransportFieldsProps & { portKey: 'tcpPort' | 'tlsPort' }) {
  return (
    <div className="field-row">
      <TextField
        label="Host"
        value={form.host}
        onChange={(host) => onChange({ ...form, host })}
        error={errors.host}
        placeholder="10.0.0.5 or docker-01.example.net"
        mono
        required
        className="grow"
      />
      <TextField
        label="Port"
        value={form[portKey]}
        onChange={(port) => onChange({ ...form, [portKey]: port })}
        error={errors[portKey]}
        inputMode="numeric"
        className="port"
      />
    </div>
  );
}

export function TcpFields({ form, errors, onChange }: TransportFieldsProps) {
  return (
    <>
      <PlainTcpWarning />
      <HostPortRow form={form} errors={errors} onChange={onChange} portKey="tcpPort" />
      {form.tcpPort.trim() === '2376' ? (
        <p className="field-hint field-hint--action">
          Port 2376 is the TLS convention: this daemon probably expects TLS.{' '}
          <button type="button" className="link-button" onClick={() => onChange({ ...form, tab: 'tls', tlsPort: '2376' })}>
            Switch to TLS
          </button>
        </p>
      ) : null}
    </>
  );
}

export function TlsFields({ form, errors, onChange }: TransportFieldsProps) {
  return (
    <>
      <HostPortRow form={form} errors={errors} onChange={onChange} portKey="tlsPort" />
      {form.tlsPort.trim() === '2375' ? (
        <p className="field-hint">Port 2375 is the convention for unencrypted tcp; TLS daemons usually listen on 2376.</p>
      ) : null}
      <TextField
        label="Server name"
        value={form.serverName}
        onChange={(serverName) => onChange({ ...form, serverName })}
        error={errors.serverName}
        placeholder="only if the certificate names another host"
        hint="The name to check the server certificate against, when it differs from Host."
        mono
      />
      <CertificateFolderField form={form} onChange={onChange} />
      <div className="pem-list">
        <PemField label="CA certificate" purpose="ca" value={form.ca} onChange={(ca) => onChange({ ...form, ca })} error={errors.ca} />
        <PemField
          label="Client certificate"
          purpose="cert"
          value={form.cert}
          onChange={(cert) => onChange({ ...form, cert })}
          error={errors.cert}
        />
        <PemField
          label="Client key"
          purpose="key"
          value={form.key}
          onChange={(key) => onChange({ ...form, key })}
          error={errors.key}
          secret
        />
      </div>
    </>
  );
}

export function SshFields({ form, errors, onChange }: TransportFieldsProps) {
  return (
    <>
      <SshHopFields
        layout={sshTargetLayout}
        value={{ user: form.sshUser, host: form.host, port: form.sshPort, auth: form.auth }}
        errors={errors}
        onChange={(hop) => onChange({ ...form, sshUser: hop.user, host: hop.host, sshPort: hop.port, auth: hop.auth })}
      />
      <TextField
        label="Remote socket"
        value={form.remoteSocket}
        onChange={(remoteSocket) => onChange({ ...form, remoteSocket })}
        error={errors.remoteSocket}
        hint="The daemon's socket on the remote host; the SSH user needs access to it (docker group or root)."
        mono
      />
      <JumpHostList hops={form.jumpHosts} errors={errors} onChange={(jumpHosts) => onChange({ ...form, jumpHosts })} />
      <ImportedSshOptions options={form.sshOptions} />
    </>
  );
}
