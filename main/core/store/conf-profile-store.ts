import type Conf from 'conf';
import type { AppWarning } from '../../../shared/contract.js';
import { type ProfileStore, type StoredProfile, storedProfileSchema } from './profile-store.js';
import { type StoreLocation, moveAside, openConf, readStoreFile, storeFilePath } from './store-file.js';

/** Bumped when the file's shape changes; a file from a newer Berth is kept aside, never overwritten. */
export const PROFILES_SCHEMA_VERSION = 1;
const DEFAULT_NAME = 'profiles';

interface ProfilesFile extends Record<string, unknown> {
  schemaVersion: number;
  profiles: StoredProfile[];
}

/**
 * Host profiles in `<cwd>/profiles.json` via conf (what electron-store is built on), so the
 * Electron app passes `{ cwd: app.getPath('userData') }` and the browser shell and tests a
 * directory of their own. The file holds `{ schemaVersion, profiles: [...] }`, never secrets.
 *
 * On open, every profile is validated. A file that does not parse, or holds invalid entries, is
 * moved aside as `profiles.corrupt-<timestamp>.json`; the valid profiles are written back and a
 * warning says what happened (see `warnings`).
 */
export class ConfProfileStore implements ProfileStore {
  readonly file: string;
  /** What opening the store had to recover from; empty when the file was fine. */
  readonly warnings: AppWarning[] = [];
  private readonly conf: Conf<ProfilesFile>;
  private profiles: StoredProfile[];

  constructor(location: StoreLocation) {
    this.file = storeFilePath(location, DEFAULT_NAME);
    const recovered = this.recover();
    this.conf = openConf<ProfilesFile>(location, DEFAULT_NAME);
    this.profiles = recovered.profiles;
    if (recovered.rewrite) this.write();
  }

  async list(): Promise<StoredProfile[]> {
    return this.profiles.map((profile) => structuredClone(profile));
  }

  async get(id: string): Promise<StoredProfile | undefined> {
    const profile = this.profiles.find((candidate) => candidate.id === id);
    return profile && structuredClone(profile);
  }

  async save(profile: StoredProfile): Promise<void> {
    const clean = storedProfileSchema.parse(profile) as StoredProfile;
    const next = this.latestOnDisk();
    const index = next.findIndex((candidate) => candidate.id === clean.id);
    if (index === -1) next.push(clean);
    else next[index] = clean;
    this.commit(next);
  }

  async remove(id: string): Promise<boolean> {
    const latest = this.latestOnDisk();
    const next = latest.filter((profile) => profile.id !== id);
    if (next.length === latest.length) return false;
    this.commit(next);
    return true;
  }

  /**
   * The profiles as the file holds them now: another Berth process (the CLI's `context import`,
   * a second shell) may have saved a host since this store opened, and a write must not drop it.
   * Falls back to what this store holds when the file cannot be read as a profile list.
   */
  private latestOnDisk(): StoredProfile[] {
    const read = readStoreFile(this.file);
    if (read.kind === 'unreadable') return [...this.profiles];
    const entries = read.kind === 'json' ? (read.value as { profiles?: unknown } | null)?.profiles : [];
    if (!Array.isArray(entries)) return [...this.profiles];
    const latest: StoredProfile[] = [];
    for (const entry of entries) {
      const parsed = storedProfileSchema.safeParse(entry);
      if (parsed.success && !latest.some((profile) => profile.id === parsed.data.id)) latest.push(parsed.data as StoredProfile);
    }
    return latest;
  }

  private commit(next: StoredProfile[]): void {
    const previous = this.profiles;
    this.profiles = next;
    try {
      this.write();
    } catch (error) {
      this.profiles = previous;
      throw error;
    }
  }

  private write(): void {
    this.conf.store = { schemaVersion: PROFILES_SCHEMA_VERSION, profiles: this.profiles };
  }

  private recover(): { profiles: StoredProfile[]; rewrite: boolean } {
    const read = readStoreFile(this.file);
    if (read.kind === 'missing') return { profiles: [], rewrite: false };
    if (read.kind === 'unreadable') return this.setAside(read.reason, [], 0);
    const value = read.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.setAside('it does not hold a profile list', [], 0);
    }
    const record = value as Record<string, unknown>;
    const version = record.schemaVersion;
    if (typeof version === 'number' && version > PROFILES_SCHEMA_VERSION) {
      return this.setAside(`it was written by a newer Berth (schema version ${version})`, [], 0);
    }
    if (!Array.isArray(record.profiles)) return this.setAside('it does not hold a profile list', [], 0);
    const profiles: StoredProfile[] = [];
    const seen = new Set<string>();
    let dropped = 0;
    for (const entry of record.profiles) {
      const parsed = storedProfileSchema.safeParse(entry);
      if (parsed.success && !seen.has(parsed.data.id)) {
        seen.add(parsed.data.id);
        profiles.push(parsed.data as StoredProfile);
      } else {
        dropped += 1;
      }
    }
    if (dropped > 0) return this.setAside(`${dropped} of its ${record.profiles.length} profiles are not valid`, profiles, dropped);
    return { profiles, rewrite: version !== PROFILES_SCHEMA_VERSION };
  }

  private setAside(reason: string, profiles: StoredProfile[], dropped: number): { profiles: StoredProfile[]; rewrite: boolean } {
    const aside = moveAside(this.file);
    const kept =
      profiles.length === 0
        ? 'Berth starts with no saved hosts'
        : `Berth kept the ${profiles.length} valid profile${profiles.length === 1 ? '' : 's'}${dropped > 0 ? ` and dropped ${dropped}` : ''}`;
    this.warnings.push({
      code: 'PROFILES_RECOVERED',
      message: `The saved hosts file ${this.file} could not be used as it was: ${reason}. ${kept}; the original file is kept as ${aside}.`,
    });
    return { profiles, rewrite: true };
  }
}
