import type { z } from 'zod';
import { type profileDraftSchema, redactProfile, type SecretRole } from '../../../shared/host-view.js';
import { type HostProfile, hostProfileSchema, type SshAuth } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import type { StoredProfile } from '../store/profile-store.js';

/**
 * Splitting a profile into what the profile store keeps (no secrets) and what the secret store
 * keeps, and putting the two back together for a connection.
 */
export { secretRoles, type SecretRole } from '../../../shared/host-view.js';
export type ProfileSecrets = Partial<Record<SecretRole, string>>;
export type ParsedDraft = z.output<typeof profileDraftSchema>;

export function secretKey(hostId: string, role: SecretRole): string {
  return `host/${hostId}/${role}`;
}

/** The secrets a full profile carries, by role. Empty strings count as "no secret". */
export function secretsOf(profile: HostProfile): ProfileSecrets {
  const secrets: ProfileSecrets = {};
  const transport = profile.transport;
  if (transport.type === 'tls' && transport.key.kind === 'pem') secrets['tls-key'] = transport.key.pem;
  if (transport.type === 'ssh') {
    authSecrets(transport.auth, 'ssh', secrets);
    if (transport.jumpHost) authSecrets(transport.jumpHost.auth, 'jump', secrets);
  }
  return secrets;
}

function authSecrets(auth: SshAuth, hop: 'ssh' | 'jump', into: ProfileSecrets): void {
  if (auth.method === 'key' && auth.passphrase) into[`${hop}-passphrase`] = auth.passphrase;
  if (auth.method === 'password' && auth.password !== '') into[`${hop}-password`] = auth.password;
}

/** The profile without secrets (for the profile store) and its secrets (for the secret store). */
export function splitProfile(profile: HostProfile): { stored: StoredProfile; secrets: ProfileSecrets } {
  return { stored: redactProfile(profile), secrets: secretsOf(profile) };
}

/**
 * A stored profile with its secrets put back. Returns the roles the stored profile says were
 * saved but the secret store no longer has (e.g. the browser shell keeps secrets in memory only):
 * a missing password or passphrase leaves the profile without one, so the connection fails with
 * a clear authentication error; a missing pasted TLS key cannot be left out and throws.
 */
export function restoreProfile(stored: StoredProfile, secrets: ProfileSecrets): { profile: HostProfile; missing: SecretRole[] } {
  const missing: SecretRole[] = [];
  const transport = stored.transport;
  let restored: unknown;
  switch (transport.type) {
    case 'tls': {
      if (transport.key.kind !== 'stored') {
        restored = transport;
        break;
      }
      const pem = secrets['tls-key'];
      if (pem === undefined) {
        throw new BerthError(
          'TLS_INVALID_PEM',
          `The pasted client key of host "${stored.name}" is no longer in Berth's secret store. Edit the host and paste the key again, or point to the key file.`,
        );
      }
      restored = { ...transport, key: { kind: 'pem', pem } };
      break;
    }
    case 'ssh': {
      const { jumpHost, auth, ...rest } = transport;
      restored = {
        ...rest,
        auth: restoreAuth(auth, 'ssh', secrets, missing),
        ...(jumpHost ? { jumpHost: { ...jumpHost, auth: restoreAuth(jumpHost.auth, 'jump', secrets, missing) } } : {}),
      };
      break;
    }
    default:
      restored = transport;
  }
  return { profile: hostProfileSchema.parse({ ...stored, transport: restored }), missing };
}

function restoreAuth(
  auth: Extract<StoredProfile['transport'], { type: 'ssh' }>['auth'],
  hop: 'ssh' | 'jump',
  secrets: ProfileSecrets,
  missing: SecretRole[],
): SshAuth {
  switch (auth.method) {
    case 'agent':
      return auth;
    case 'key': {
      const passphrase = secrets[`${hop}-passphrase`];
      if (auth.hasPassphrase && passphrase === undefined) missing.push(`${hop}-passphrase`);
      return { method: 'key', keyPath: auth.keyPath, ...(passphrase !== undefined ? { passphrase } : {}) };
    }
    case 'password': {
      const password = secrets[`${hop}-password`];
      if (auth.hasPassword && password === undefined) missing.push(`${hop}-password`);
      return { method: 'password', password: password ?? '' };
    }
  }
}

/**
 * A draft from the renderer turned into a full profile. With `keepStoredSecrets` (the default),
 * a secret the draft leaves out (empty password, absent or empty passphrase, TLS key
 * `{ kind: 'stored' }`) is taken from `stored`, the secrets saved for this host id.
 */
export function profileFromDraft(draft: ParsedDraft, stored: ProfileSecrets): HostProfile {
  const keep = draft.keepStoredSecrets;
  const { keepStoredSecrets: _keep, transport, ...rest } = draft;
  let merged: unknown = transport;
  if (transport.type === 'tls' && transport.key.kind === 'stored') {
    const pem = keep ? stored['tls-key'] : undefined;
    if (pem === undefined) {
      throw new BerthError(
        'INVALID_ARGUMENT',
        keep
          ? `No pasted client key is stored for host "${draft.name}". Paste the key or give the path of the key file.`
          : 'The client key was left out but keepStoredSecrets is false. Paste the key or give the path of the key file.',
      );
    }
    merged = { ...transport, key: { kind: 'pem', pem } };
  }
  if (transport.type === 'ssh') {
    const { jumpHost, auth, ...sshRest } = transport;
    merged = {
      ...sshRest,
      auth: mergeAuth(auth, 'ssh', keep, stored),
      ...(jumpHost ? { jumpHost: { ...jumpHost, auth: mergeAuth(jumpHost.auth, 'jump', keep, stored) } } : {}),
    };
  }
  const parsed = hostProfileSchema.safeParse({ ...rest, transport: merged });
  if (!parsed.success)
    throw new BerthError('INVALID_PROFILE', `The host profile is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`);
  return parsed.data;
}

function mergeAuth(auth: SshAuth, hop: 'ssh' | 'jump', keep: boolean, stored: ProfileSecrets): SshAuth {
  if (!keep) return auth;
  if (auth.method === 'key' && !auth.passphrase) {
    const passphrase = stored[`${hop}-passphrase`];
    return { method: 'key', keyPath: auth.keyPath, ...(passphrase !== undefined ? { passphrase } : {}) };
  }
  if (auth.method === 'password' && auth.password === '') {
    return { method: 'password', password: stored[`${hop}-password`] ?? '' };
  }
  return auth;
}
