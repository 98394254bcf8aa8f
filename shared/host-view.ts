import { z } from 'zod';
import {
  type HostProfile,
  hostProfileSchema,
  npipeTransportSchema,
  type PemSource,
  pemSourceSchema,
  sshTransportSchema,
  tcpTransportSchema,
  tlsTransportSchema,
  type Transport,
  unixTransportSchema,
} from './profile.js';
import type { HostCertificates } from './certificate-health.js';
import { redactSecrets, type SecretRole } from './secret-fields.js';
import type { HostSnapshot, HostStatus } from './snapshot.js';

/**
 * What the renderer may know of a profile: everything but secrets. Passwords, passphrases and
 * pasted private keys are replaced by a marker saying one is stored.
 */
export type RedactedPem = PemSource | { kind: 'stored' };
export type RedactedSshAuth =
  | { method: 'key'; keyPath: string; hasPassphrase: boolean }
  | { method: 'agent'; agentSocket?: string }
  | { method: 'password'; hasPassword: boolean };

export type RedactedTransport =
  | Exclude<Transport, { type: 'tls' } | { type: 'ssh' }>
  | (Omit<Extract<Transport, { type: 'tls' }>, 'key'> & { key: RedactedPem })
  | (Omit<Extract<Transport, { type: 'ssh' }>, 'auth' | 'jumpHosts'> & {
      auth: RedactedSshAuth;
      jumpHosts?: RedactedSshHop[];
    });

export interface RedactedSshHop {
  host: string;
  port: number;
  user: string;
  auth: RedactedSshAuth;
}

export interface RedactedProfile extends Omit<HostProfile, 'transport'> {
  transport: RedactedTransport;
}

/** The secrets a host profile can hold, by role (the secret store's keys are `host/<id>/<role>`). */
export { isSecretRole, secretRoles, type SecretRole } from './secret-fields.js';

/** A host as the sidebar, switcher and fleet table show it. */
export interface HostView {
  profile: RedactedProfile;
  status: HostStatus;
  /** The last snapshot's time, also when the host is offline now. */
  lastSeenAt: number | null;
  /** TLS hosts: the CA, client and server certificates' health, checked when the host becomes ready. */
  certificates?: HostCertificates;
  /** Secrets the profile says were saved but the secret store lost (status SECRET_MISSING): ask for them. */
  missingSecrets?: SecretRole[];
}

/** A transport as a parsed draft holds it: a full one, or a TLS one whose key is `{ kind: 'stored' }`. */
export type DraftTransport = Transport | (Omit<Extract<Transport, { type: 'tls' }>, 'key'> & { key: RedactedPem });

/** The transport with every secret replaced by its marker (see shared/secret-fields.ts). */
export function redactTransport(transport: DraftTransport): RedactedTransport {
  return redactSecrets(transport) as RedactedTransport;
}

export function redactProfile(profile: Omit<HostProfile, 'transport'> & { transport: DraftTransport }): RedactedProfile {
  return { ...profile, transport: redactTransport(profile.transport) };
}

/** A pasted TLS key already in the secret store: a draft sends it back as it got it, to keep it. */
export const storedPemSchema = z.object({ kind: z.literal('stored') });

const draftTransportSchema = z.discriminatedUnion('type', [
  unixTransportSchema,
  npipeTransportSchema,
  tcpTransportSchema,
  tlsTransportSchema.extend({ key: z.discriminatedUnion('kind', [...pemSourceSchema.options, storedPemSchema]) }),
  sshTransportSchema,
]);

/**
 * A profile as the renderer sends it for saving: like a full profile, but secrets may be left
 * out to mean "keep the stored one" (`keepStoredSecrets`, default true): an empty password, an
 * absent or empty passphrase, and a TLS key of `{ kind: 'stored' }` keep what the secret store
 * holds for this host id. With `keepStoredSecrets: false` the draft is taken as it is.
 */
export const profileDraftSchema = hostProfileSchema.extend({
  transport: draftTransportSchema,
  keepStoredSecrets: z.boolean().default(true),
});
export type ProfileDraft = z.input<typeof profileDraftSchema>;

export type { HostSnapshot };
