import { z } from 'zod';
import { type RedactedProfile, storedPemSchema } from '../../../shared/host-view.js';
import {
  hostProfileSchema,
  MAX_JUMP_HOSTS,
  migrateLegacyJumpHost,
  npipeTransportSchema,
  pemSourceSchema,
  sshHopSchema,
  sshTransportSchema,
  tcpTransportSchema,
  tlsTransportSchema,
  unixTransportSchema,
} from '../../../shared/profile.js';

/**
 * A host profile as the profile store keeps it: the redacted form, with no secret in it.
 * Passwords, passphrases and pasted keys live in the SecretStore; the flags (`hasPassword`,
 * `hasPassphrase`, `{ kind: 'stored' }`) only record that one was stored.
 */
export type StoredProfile = RedactedProfile;

const storedAuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('key'), keyPath: z.string().min(1), hasPassphrase: z.boolean() }),
  z.object({ method: z.literal('agent'), agentSocket: z.string().optional() }),
  z.object({ method: z.literal('password'), hasPassword: z.boolean() }),
]);

/**
 * hostProfileSchema with the secret fields replaced by their markers. z.object strips unknown
 * keys, so a `password` or `passphrase` that reached this schema by mistake is dropped, never written.
 */
export const storedProfileSchema = z.preprocess(
  // Profiles saved with one `jumpHost` are read as a one-hop `jumpHosts` list.
  migrateLegacyJumpHost,
  hostProfileSchema.extend({
    transport: z.discriminatedUnion('type', [
      unixTransportSchema,
      npipeTransportSchema,
      tcpTransportSchema,
      tlsTransportSchema.extend({ key: z.discriminatedUnion('kind', [...pemSourceSchema.options, storedPemSchema]) }),
      sshTransportSchema.extend({
        auth: storedAuthSchema,
        jumpHosts: z
          .array(sshHopSchema.extend({ auth: storedAuthSchema }))
          .max(MAX_JUMP_HOSTS)
          .optional(),
      }),
    ]),
  }),
);

/** The profiles Berth knows, without secrets. Order is the operator's order (first saved first). */
export interface ProfileStore {
  list(): Promise<StoredProfile[]>;
  get(id: string): Promise<StoredProfile | undefined>;
  /** Adds a profile, or replaces the one with the same id in place. */
  save(profile: StoredProfile): Promise<void>;
  /** True when a profile was removed. */
  remove(id: string): Promise<boolean>;
}

/** A ProfileStore in memory, for tests and as the fallback when no directory is given. */
export class MemoryProfileStore implements ProfileStore {
  private readonly profiles = new Map<string, StoredProfile>();

  async list(): Promise<StoredProfile[]> {
    return [...this.profiles.values()].map((profile) => structuredClone(profile));
  }

  async get(id: string): Promise<StoredProfile | undefined> {
    const profile = this.profiles.get(id);
    return profile && structuredClone(profile);
  }

  async save(profile: StoredProfile): Promise<void> {
    this.profiles.set(profile.id, storedProfileSchema.parse(profile) as StoredProfile);
  }

  async remove(id: string): Promise<boolean> {
    return this.profiles.delete(id);
  }
}
