import { CutCounter, daemonLimits } from './daemon-limits.js';
import { arrayOr, countOr0, field, stringArray, stringOr } from './json-read.js';

/** One image as the fleet search keeps it (from `/images/json`). */
export interface ImageSummary {
  /** `sha256:…` as the daemon reports it. */
  id: string;
  /** `repo:tag` names; empty for a dangling image. */
  tags: string[];
  /** Unix seconds. */
  created: number;
  sizeBytes: number;
}

/** The most Berth keeps of one host's `/images/json` (a daemon is untrusted). */
export const imageLimits = {
  /** Images kept per host, in the daemon's order. */
  images: 5_000,
  /** Tags kept per image. */
  tagsPerImage: 32,
  /** Serialized bytes (JSON) of one host's kept images: a daemon with very long tags keeps fewer images, never more. */
  listBytes: 1024 * 1024,
} as const;

export interface ImageList {
  images: ImageSummary[];
  /** How many images the daemon listed (more than `images.length` when some were cut). */
  listed: number;
}

/**
 * One entry of `/images/json`: its id, its tags (`<none>:<none>` dropped, at most
 * imageLimits.tagsPerImage, each within daemonLimits.textChars), created and size; undefined when
 * it has no usable id. The fleet search's list and the images view both read entries through it.
 */
export function readImageEntry(entry: unknown, cuts: CutCounter = new CutCounter()): ImageSummary | undefined {
  const id = stringOr(field(entry, 'Id'));
  if (id === '' || id.length > daemonLimits.idChars) return undefined;
  const tags = cuts
    .list(
      stringArray(field(entry, 'RepoTags')).filter((tag) => tag !== '<none>:<none>'),
      imageLimits.tagsPerImage,
    )
    .map((tag) => cuts.text(tag, daemonLimits.textChars));
  return { id, tags, created: countOr0(field(entry, 'Created')), sizeBytes: countOr0(field(entry, 'Size')) };
}

/** Reads `/images/json` within imageLimits (count, tags, serialized size); entries without an id are skipped. */
export function readImageList(list: unknown): ImageList {
  const entries = arrayOr(list);
  const cuts = new CutCounter();
  const images: ImageSummary[] = [];
  let bytes = 2;
  for (const entry of entries) {
    if (images.length >= imageLimits.images) break;
    const image = readImageEntry(entry, cuts);
    if (!image) continue;
    // Characters, not UTF-8 bytes: at most 3 bytes each, so the bound holds within a factor the caller can plan for.
    bytes += JSON.stringify(image).length + 1;
    if (bytes > imageLimits.listBytes) break;
    images.push(image);
  }
  return { images, listed: entries.length };
}
