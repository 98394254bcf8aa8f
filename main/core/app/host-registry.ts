import type { AppWarning } from '../../../shared/contract.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import { type HostView, redactProfile } from '../../../shared/host-view.js';
import type { HostProfile } from '../../../shared/profile.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import type { ConnectionListener, ConnectionManager } from '../connection-manager.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { ProfileStore, StoredProfile } from '../store/profile-store.js';
import { type SecretStore, masterPassphraseOf } from '../store/secret-store.js';
import { markedRoles, type SecretRole, secretLabel, secretRoles } from '../../../shared/secret-fields.js';
import {
  type ParsedDraft,
  type ProfileSecrets,
  profileFromDraft,
  restoreProfile,
  secretKey,
  secretsOf,
  splitProfile,
} from './profile-secrets.js';

interface HostEntry {
  stored: StoredProfile;
  /** The full profile with its secrets, as the connection uses it; absent when it could not be restored. */
  profile?: HostProfile;
  /** Why the host cannot connect at all (e.g. its pasted TLS key is gone from the secret store). */
  loadError?: ErrorEnvelope;
  /** The saved secrets the store no longer has (loadError SECRET_MISSING). */
  missing?: SecretRole[];
}

/**
 * The hosts Berth knows: their profiles (ProfileStore, no secrets), their secrets (SecretStore)
 * and their live sessions (ConnectionManager), kept in step. Mutations are serialised.
 */
export class HostRegistry {
  private readonly entries = new Map<string, HostEntry>();
  private readonly lastSeen = new Map<string, number>();
  private mutations: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly manager: ConnectionManager,
    private readonly warn: (warning: AppWarning) => void,
  ) {}

  /**
   * Loads every stored profile, puts its secrets back and starts connecting. `loading` hears every
   * id first, so the connection policy knows the fleet's size before the first host starts.
   */
  load(loading: (hostIds: string[]) => void = () => undefined): Promise<void> {
    return this.serialise(async () => {
      const stored = await this.profiles.list();
      loading(stored.map((profile) => profile.id));
      for (const profile of stored) await this.activate(profile, true);
    });
  }

  has(hostId: string): boolean {
    return this.entries.has(hostId);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  views(): HostView[] {
    return this.ids().map((id) => this.view(id));
  }

  /** INVALID_ARGUMENT for a host id that is not saved. */
  requireKnown(hostId: string): void {
    this.require(hostId);
  }

  view(hostId: string): HostView {
    const entry = this.require(hostId);
    return {
      profile: entry.profile ? redactProfile(entry.profile) : entry.stored,
      status: this.status(hostId),
      lastSeenAt: this.lastSeen.get(hostId) ?? null,
      ...(entry.missing ? { missingSecrets: [...entry.missing] } : {}),
    };
  }

  status(hostId: string): HostStatus {
    const entry = this.require(hostId);
    if (entry.loadError) return { state: 'failed', error: entry.loadError };
    try {
      return this.manager.status(hostId);
    } catch {
      return { state: 'idle' };
    }
  }

  /** Whether a known host is connected now. */
  isReady(hostId: string): boolean {
    return this.has(hostId) && this.status(hostId).state === 'ready';
  }

  /** Every status and snapshot of every host's session. */
  subscribe(listener: ConnectionListener): () => void {
    return this.manager.subscribe(listener);
  }

  sawSnapshot(hostId: string, at: number): void {
    if (this.entries.has(hostId)) this.lastSeen.set(hostId, at);
  }

  /** Throws the specific reason a host cannot connect: unknown, or its profile could not be restored. */
  requireConnectable(hostId: string): void {
    const entry = this.require(hostId);
    if (entry.loadError) throw new BerthError(entry.loadError.code, entry.loadError.message);
  }

  /** True for a known host that could not be restored (it has no session). */
  isUnavailable(hostId: string): boolean {
    return this.entries.get(hostId)?.loadError !== undefined;
  }

  /**
   * Saves a draft (secrets to the secret store, the rest to the profile store) and (re)connects.
   * `saved` runs once the host is in the list and before it starts connecting, so a client
   * hears of the host before it hears of its status.
   */
  save(draft: ParsedDraft, saved: () => void = () => undefined): Promise<HostView> {
    return this.serialise(async () => {
      const profile = profileFromDraft(draft, await this.storedSecrets(draft.id));
      const { stored, secrets } = splitProfile(profile);
      // Checked before anything is written, so a locked store never leaves a half-saved host.
      if (this.locked() && Object.keys(secrets).length > 0) throw lockedError(profile.name);
      await this.writeSecrets(profile.id, secrets);
      await this.profiles.save(stored);
      this.entries.set(profile.id, { stored, profile });
      saved();
      await this.manager.upsertHost(profile);
      return this.view(profile.id);
    });
  }

  /**
   * A saved host's full profile, secrets included, for a connection made outside its session (the
   * TLS wizard's install, certificate health, renewal). Fails with the reason a host cannot connect.
   */
  profileOf(hostId: string): HostProfile {
    const entry = this.require(hostId);
    if (!entry.profile)
      throw new BerthError(entry.loadError?.code ?? 'INTERNAL', entry.loadError?.message ?? `Host "${entry.stored.name}" has no profile.`);
    return entry.profile;
  }

  /** A draft as a full profile, with the secrets stored for its id filled in (for hosts:test). */
  async profileForTest(draft: ParsedDraft): Promise<HostProfile> {
    return profileFromDraft(draft, await this.storedSecrets(draft.id));
  }

  remove(hostId: string): Promise<void> {
    return this.serialise(async () => {
      this.require(hostId);
      await this.manager.removeHost(hostId);
      await this.profiles.remove(hostId);
      await this.writeSecrets(hostId, {});
      this.entries.delete(hostId);
      this.lastSeen.delete(hostId);
    });
  }

  /**
   * Stores a secret the host waits for (SECRET_MISSING) and restores the host again: it connects
   * once nothing is missing.
   */
  provideSecret(hostId: string, role: SecretRole, value: string): Promise<void> {
    return this.serialise(async () => {
      const entry = this.require(hostId);
      if (!entry.missing?.includes(role)) {
        throw new BerthError(
          'INVALID_ARGUMENT',
          `Host "${entry.stored.name}" is not waiting for its ${secretLabel(role)}. Edit the host to change its secrets.`,
        );
      }
      if (this.locked()) throw lockedError(entry.stored.name);
      await this.secrets.set(secretKey(hostId, role), value);
      await this.activate(entry.stored, false);
    });
  }

  /** Retries a host; one that could not be restored is restored again first. */
  retry(hostId: string): Promise<void> {
    return this.serialise(async () => {
      const entry = this.require(hostId);
      if (!entry.loadError) return this.manager.retry(hostId);
      await this.activate(entry.stored, false);
      this.requireConnectable(hostId);
    });
  }

  /** After the secret store was unlocked: restores and connects every host that waited for it. */
  unlocked(): Promise<void> {
    return this.serialise(async () => {
      for (const entry of [...this.entries.values()]) {
        if (entry.loadError?.code === 'SECRETS_LOCKED') await this.activate(entry.stored, true);
      }
    });
  }

  /** Every secret value held in memory, so outgoing messages can be scrubbed of them. */
  secretValues(): string[] {
    const values: string[] = [];
    for (const entry of this.entries.values()) {
      if (entry.profile) values.push(...Object.values(secretsOf(entry.profile)).filter((value) => value !== undefined));
    }
    return values;
  }

  private async activate(stored: StoredProfile, warnMissing: boolean): Promise<void> {
    // A host with saved secrets waits for the master passphrase; the others connect at once.
    if (this.locked() && markedRoles(stored.transport).length > 0) {
      await this.manager.removeHost(stored.id).catch(() => undefined);
      this.entries.set(stored.id, { stored, loadError: lockedError(stored.name).toEnvelope() });
      return;
    }
    const secrets = await this.readSecrets(stored.id, stored.name);
    try {
      const { profile, missing } = restoreProfile(stored, secrets);
      if (missing.length > 0) {
        // Connecting without the secret would only be refused as a wrong one (and counts as a failed login).
        const what = missing.map(secretLabel).join(' and ');
        const lost = this.secrets.kind === 'memory' ? ' (secrets are kept in memory only and were lost when Berth restarted)' : '';
        if (warnMissing) {
          this.warn({
            code: 'SECRET_UNREADABLE',
            message: `Host "${stored.name}": its saved ${what} is no longer in Berth's secret store${lost}. Enter it again on the host's dashboard.`,
          });
        }
        await this.manager.removeHost(stored.id).catch(() => undefined);
        const error = new BerthError(
          'SECRET_MISSING',
          `Berth no longer has the saved ${what} of host "${stored.name}"${lost}, so it did not try to connect. Enter it again to connect.`,
        );
        this.entries.set(stored.id, { stored, loadError: error.toEnvelope(), missing });
        return;
      }
      this.entries.set(stored.id, { stored, profile });
      await this.manager.upsertHost(profile);
    } catch (error) {
      this.entries.set(stored.id, { stored, loadError: toEnvelope(error) });
    }
  }

  private async storedSecrets(hostId: string): Promise<ProfileSecrets> {
    const entry = this.entries.get(hostId);
    if (!entry) return {};
    if (entry.profile) return secretsOf(entry.profile);
    if (entry.loadError?.code === 'SECRETS_LOCKED' && this.locked()) throw lockedError(entry.stored.name);
    return this.readSecrets(hostId, entry.stored.name);
  }

  private locked(): boolean {
    return masterPassphraseOf(this.secrets)?.passphraseState === 'locked';
  }

  private async readSecrets(hostId: string, hostName: string): Promise<ProfileSecrets> {
    const secrets: ProfileSecrets = {};
    for (const role of secretRoles) {
      try {
        const value = await this.secrets.get(secretKey(hostId, role));
        if (value !== undefined) secrets[role] = value;
      } catch (error) {
        this.warn({ code: 'SECRET_UNREADABLE', message: `Host "${hostName}": ${toEnvelope(error).message}` });
      }
    }
    return secrets;
  }

  /** Stores the roles `secrets` has and deletes the others, so a dropped secret is really gone. */
  private async writeSecrets(hostId: string, secrets: ProfileSecrets): Promise<void> {
    for (const role of secretRoles) {
      const value = secrets[role];
      if (value === undefined) await this.secrets.delete(secretKey(hostId, role));
      else await this.secrets.set(secretKey(hostId, role), value);
    }
  }

  private require(hostId: string): HostEntry {
    const entry = this.entries.get(hostId);
    if (!entry) throw new BerthError('INVALID_ARGUMENT', `There is no host with id "${hostId}".`);
    return entry;
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const result = this.mutations.then(work, work);
    this.mutations = result.catch(() => undefined);
    return result;
  }
}

function lockedError(hostName: string): BerthError {
  return new BerthError(
    'SECRETS_LOCKED',
    `Host "${hostName}" uses a saved password, passphrase or pasted key, and Berth's secrets are locked. Unlock them with your master passphrase.`,
  );
}
