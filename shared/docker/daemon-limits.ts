/**
 * The most Berth keeps of what a daemon sends. A daemon is untrusted: whatever it lists, a
 * snapshot stays small enough to hold, persist and push to a browser tab in one message (see
 * `wireMaxPushBytes` in shared/contract.ts). Cuts are counted so the UI can say something is
 * missing instead of showing a partial list as if it were whole.
 */
export const daemonLimits = {
  /** Containers kept per host, in the daemon's order (newest first); the rest are counted only. */
  containers: 10_000,
  /**
   * Serialized bytes (JSON, UTF-8) of the kept containers together: a host whose containers carry
   * unusually large labels keeps fewer than `containers`, never a snapshot over this size.
   */
  containerListBytes: 12 * 1024 * 1024,
  /** Labels kept per container (in the daemon's order); keys and values are cut to their maxima. */
  labelsPerContainer: 100,
  labelKeyChars: 256,
  labelValueChars: 1024,
  /** Serialized bytes of one container's labels together: 100 labels of 1 KB would make 10,000 containers weigh 1 GB. */
  labelBytesPerContainer: 8 * 1024,
  /** Names (with link aliases) and published ports kept per container. */
  namesPerContainer: 32,
  portsPerContainer: 100,
  /** Longest container id kept: a real id is 64 hex digits; an entry with a longer one is skipped. */
  idChars: 128,
  /** Names, image, status, and every text of /info (versions, paths, driver status values). */
  textChars: 1024,
  /** Short texts: a port's protocol and address. */
  shortTextChars: 64,
  /** Entries of each /info list (security options, registries, mirrors, warnings, driver status pairs). */
  infoListEntries: 64,
} as const;

const ELLIPSIS = '…';

/** Counts every value that was shortened or dropped while one daemon answer was read. */
export class CutCounter {
  count = 0;

  /** `value` cut to `max` characters (the last one an ellipsis), never splitting a surrogate pair. */
  text(value: string, max: number): string {
    if (value.length <= max) return value;
    this.count += 1;
    let end = max - ELLIPSIS.length;
    const last = value.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return value.slice(0, end) + ELLIPSIS;
  }

  /** The first `max` entries. */
  list<T>(values: T[], max: number): T[] {
    if (values.length <= max) return values;
    this.count += 1;
    return values.slice(0, max);
  }

  /** Marks a cut made elsewhere (an entry left out for its size). */
  mark(): void {
    this.count += 1;
  }
}

/** Bytes `value` takes in a JSON message (UTF-8). Plain JavaScript: the parsers also run in the demo page. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
