/** Keys whose string values are secrets wherever they appear in an input (a draft's auth, a pasted key). */
const SECRET_KEYS = new Set(['password', 'passphrase', 'currentPassphrase', 'caPassphrase', 'pem']);
/** Shorter values would match ordinary words; such secrets are too weak to matter less than readable messages. */
const MIN_SCRUB_LENGTH = 4;

/** Every string under a secret-named key in an input, at any depth. */
export function secretStringsIn(input: unknown, depth = 0): string[] {
  if (depth > 8 || typeof input !== 'object' || input === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (SECRET_KEYS.has(key) && typeof value === 'string') found.push(value);
    else found.push(...secretStringsIn(value, depth + 1));
  }
  return found;
}

/** Replaces every occurrence of a secret (and of each line of a multi-line one, e.g. a PEM) with a marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length >= MIN_SCRUB_LENGTH) needles.add(secret);
    if (secret.includes('\n')) {
      for (const line of secret.split(/\r?\n/)) {
        const trimmed = line.trim();
        if (trimmed.length >= 16 && !trimmed.startsWith('-----')) needles.add(trimmed);
      }
    }
  }
  let result = text;
  // Longest first, so a whole secret is replaced before any of its lines.
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (result.includes(needle)) result = result.split(needle).join('[secret]');
  }
  return result;
}

/**
 * Removes the password of `scheme://user:password@host` URLs. A pasted endpoint URL is no stored
 * secret, yet its password must not come back in an error message that quotes the URL.
 */
export function scrubUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"]*):[^\s/@"]+@/gi, '$1:[secret]@');
}
