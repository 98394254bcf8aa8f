/**
 * Small UI preferences kept across restarts (selected host, recently used hosts, sidebar
 * grouping). Never profiles or secrets: those live in the main process.
 */
export interface PreferenceStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function memoryPreferences(initial: Record<string, string> = {}): PreferenceStorage {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
  };
}

/** localStorage when it works (it may be disabled or full); memory otherwise. */
export function browserPreferences(): PreferenceStorage {
  const fallback = memoryPreferences();
  return {
    get(key) {
      try {
        return window.localStorage.getItem(key) ?? fallback.get(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      fallback.set(key, value);
      try {
        window.localStorage.setItem(key, value);
      } catch {
        // memory keeps it for this session
      }
    },
  };
}

export function readJson<T>(storage: PreferenceStorage, key: string, guard: (value: unknown) => value is T, fallback: T): T {
  const text = storage.get(key);
  if (text === null) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return guard(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
