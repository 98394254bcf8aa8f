import type { z } from 'zod';
import { type profileDraftSchema, redactProfile } from '../../../shared/host-view.js';
import type { HostProfile, Transport } from '../../../shared/profile.js';
import {
  fillSecrets,
  mergeSecrets,
  type ProfileSecrets,
  readSecrets,
  type SecretRole,
  secretRoles,
} from '../../../shared/secret-fields.js';
import { BerthError } from '../errors.js';
import type { StoredProfile } from '../store/profile-store.js';

/**
 * Splitting a profile into what the profile store keeps (no secrets) and what the secret store
 * keeps, and putting the two back together for a connection. Which fields are secrets is
 * shared/secret-fields.ts's table.
 */
export type { ProfileSecrets, SecretRole };
export { secretRoles };
export type ParsedDraft = z.output<typeof profileDraftSchema>;

export function secretKey(hostId: string, role: SecretRole): string {
  return `host/${hostId}/${role}`;
}

/** The secrets a full profile carries, by role. Empty strings count as "no secret". */
export function secretsOf(profile: HostProfile): ProfileSecrets {
  return readSecrets(profile.transport);
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
  const { transport, missing, unfillable } = fillSecrets(stored.transport, secrets);
  if (unfillable.length > 0) {
    throw new BerthError(
      'TLS_INVALID_PEM',
      `The pasted client key of host "${stored.name}" is no longer in Berth's secret store. Edit the host and paste the key again, or point to the key file.`,
    );
  }
  // Every marker is replaced by its secret (or by none where one may be missing): a full transport.
  return { profile: { ...stored, transport: transport as Transport }, missing };
}

/**
 * A draft from the renderer turned into a full profile. With `keepStoredSecrets` (the default),
 * a secret the draft leaves out (empty password, absent or empty passphrase, TLS key
 * `{ kind: 'stored' }`) is taken from `stored`, the secrets saved for this host id.
 */
export function profileFromDraft(draft: ParsedDraft, stored: ProfileSecrets): HostProfile {
  const { keepStoredSecrets: keep, transport: draftTransport, ...rest } = draft;
  const { transport, unfillable } = mergeSecrets(draftTransport, stored, keep);
  if (unfillable.length > 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      keep
        ? `No pasted client key is stored for host "${draft.name}". Paste the key or give the path of the key file.`
        : 'The client key was left out but keepStoredSecrets is false. Paste the key or give the path of the key file.',
    );
  }
  // The draft was validated by profileDraftSchema; filling secrets in makes it a full transport.
  return { ...rest, transport: transport as Transport };
}
