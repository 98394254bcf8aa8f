import { type DraftTransport, type ProfileDraft, type RedactedPem, profileDraftSchema } from '../../../shared/host-view';
import type { PemSource, SshAuth } from '../../../shared/profile';
import {
  type AuthInput,
  DEFAULT_SOCKET,
  type FieldErrors,
  type HostForm,
  PIPE_PREFIX,
  type PemInput,
  type TransportTab,
  parseTags,
} from './form-state';

/**
 * From the form to a ProfileDraft, validated with the contract's own schema; every problem
 * lands next to its field. Secrets left empty keep the stored ones (keepStoredSecrets).
 */
type PortField = 'tcpPort' | 'tlsPort' | 'sshPort' | `jumpHosts.${number}.port`;

function port(text: string, field: PortField, errors: FieldErrors): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 65535) {
    errors[field] = 'a port is a number from 1 to 65535';
    return undefined;
  }
  return Number(trimmed);
}

function pemSource(input: PemInput): PemSource {
  if (input.mode === 'path') return { kind: 'path', path: input.path.trim() };
  return { kind: 'pem', pem: input.pem.trim() === '' ? '' : `${input.pem.trim()}\n` };
}

/** The client key: a stored pasted key left empty is sent back as `{ kind: 'stored' }`, which keeps it. */
function keySource(input: PemInput): RedactedPem {
  if (input.mode === 'pem' && input.stored && input.pem.trim() === '') return { kind: 'stored' };
  return pemSource(input);
}

function sshAuth(input: AuthInput, prefix: string, errors: FieldErrors): SshAuth {
  switch (input.method) {
    case 'key':
      // Leaving the passphrase empty keeps the stored one (keepStoredSecrets).
      return { method: 'key', keyPath: input.keyPath.trim(), ...(input.passphrase !== '' ? { passphrase: input.passphrase } : {}) };
    case 'agent':
      return { method: 'agent', ...(input.agentSocket.trim() !== '' ? { agentSocket: input.agentSocket.trim() } : {}) };
    case 'password':
      if (input.password === '' && !input.passwordStored) errors[`${prefix}.password`] = 'a password is required';
      return { method: 'password', password: input.password };
  }
}

export function transportOf(form: HostForm, errors: FieldErrors = {}): DraftTransport {
  const host = form.host.trim();
  switch (form.tab) {
    case 'local': {
      const path = form.socketPath.trim();
      return path.startsWith(PIPE_PREFIX) || path.startsWith('\\\\.\\pipe\\')
        ? { type: 'npipe', pipePath: path }
        : { type: 'unix', socketPath: path };
    }
    case 'tcp': {
      const p = port(form.tcpPort, 'tcpPort', errors);
      return { type: 'tcp', host, port: p ?? 2375 };
    }
    case 'tls': {
      const p = port(form.tlsPort, 'tlsPort', errors);
      return {
        type: 'tls',
        host,
        port: p ?? 2376,
        ca: pemSource(form.ca),
        cert: pemSource(form.cert),
        key: keySource(form.key),
        ...(form.serverName.trim() !== '' ? { serverName: form.serverName.trim() } : {}),
      };
    }
    case 'ssh': {
      const p = port(form.sshPort, 'sshPort', errors);
      return {
        type: 'ssh',
        host,
        port: p ?? 22,
        user: form.sshUser.trim(),
        auth: sshAuth(form.auth, 'auth', errors),
        remoteSocket: form.remoteSocket.trim() === '' ? DEFAULT_SOCKET : form.remoteSocket.trim(),
        ...form.sshOptions,
        ...(form.jumpHosts.length > 0 && {
          jumpHosts: form.jumpHosts.map((hop, index) => ({
            host: hop.host.trim(),
            port: port(hop.port, `jumpHosts.${index}.port`, errors) ?? 22,
            user: hop.user.trim(),
            auth: sshAuth(hop.auth, `jumpHosts.${index}.auth`, errors),
          })),
        }),
      };
    }
  }
}

/** Where a schema issue belongs in the form. */
export function fieldOfIssue(path: ReadonlyArray<PropertyKey>, tab: TransportTab): string {
  const [first, second, third] = path.map(String);
  if (first !== 'transport') return first ?? 'form';
  switch (second) {
    case 'port':
      return tab === 'tcp' ? 'tcpPort' : tab === 'tls' ? 'tlsPort' : 'sshPort';
    case 'socketPath':
    case 'pipePath':
      return 'socketPath';
    case 'user':
      return 'sshUser';
    case 'ca':
    case 'cert':
    case 'key':
      return second;
    case 'auth':
      return `auth.${third === 'keyPath' ? 'keyPath' : (third ?? 'method')}`;
    case 'jumpHosts': {
      // transport.jumpHosts.<index>.<field>: the error goes next to that jump host's field.
      const [index, field, authField] = path.slice(2).map(String);
      if (index === undefined || !/^\d+$/.test(index)) return 'jumpHosts';
      if (field === 'auth') return `jumpHosts.${index}.auth.${authField === 'keyPath' ? 'keyPath' : (authField ?? 'method')}`;
      return `jumpHosts.${index}.${field === 'user' || field === 'port' ? field : 'host'}`;
    }
    default:
      return second ?? 'transport';
  }
}

/** The draft to send, or the errors to show next to the fields. Secrets left empty keep the stored ones. */
export function draftFromForm(form: HostForm): { ok: true; draft: ProfileDraft } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const transport = transportOf(form, errors);
  const draft: ProfileDraft = {
    id: form.id,
    name: form.name.trim(),
    ...(form.color !== '' ? { color: form.color } : {}),
    tags: parseTags(form.tags),
    ...(form.readOnly ? { readOnly: true } : {}),
    transport,
    keepStoredSecrets: !form.isNew,
  };
  const parsed = profileDraftSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path, form.tab);
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft };
}
