import { BerthError } from '../errors.js';

/**
 * How many bytes Berth reads from a daemon per answer. A daemon is untrusted: past its cap an
 * answer is cut (the response destroyed) and the request fails with RESPONSE_TOO_LARGE, which
 * costs that host its connection and nothing else.
 */

/** An error answer (non-2xx): dockerd sends `{"message": "…"}`, a few hundred bytes. */
export const ERROR_BODY_CAP_BYTES = 64 * 1024;
/** A JSON document such as /info or /version (tens of KB even on busy hosts). */
export const JSON_BODY_CAP_BYTES = 16 * 1024 * 1024;
/**
 * A list that grows with the host: 40,000 containers are about 70 MB of /containers/json.
 * What the parsers keep of it is capped separately.
 */
export const LIST_BODY_CAP_BYTES = 128 * 1024 * 1024;

/** Endpoints whose answer is a list that grows with what the host holds. */
const LIST_PATHS: ReadonlySet<string> = new Set(['/containers/json', '/images/json', '/system/df', '/volumes', '/networks']);

/** The cap for a successful answer from `path` (without query or API version prefix). */
export function successBodyCap(path: string): number {
  return LIST_PATHS.has(path) ? LIST_BODY_CAP_BYTES : JSON_BODY_CAP_BYTES;
}

export interface OversizedAnswer {
  endpoint: string;
  method: string;
  path: string;
  /** The HTTP status of the oversized answer. */
  statusCode: number;
  cap: number;
  /** Content-Length when the daemon announced it; otherwise the answer was cut past the cap. */
  announcedBytes?: number;
}

export function responseTooLarge(answer: OversizedAnswer): BerthError {
  const { endpoint, method, path, statusCode, cap, announcedBytes } = answer;
  const size = announcedBytes === undefined ? `more than ${binaryBytes(cap)}` : binaryBytes(announcedBytes);
  const isError = statusCode < 200 || statusCode >= 300;
  const what = isError ? `an error answer (HTTP ${statusCode})` : 'an answer';
  const advice = isError
    ? 'A Docker daemon never sends error answers this large: check what listens at that address.'
    : cap === LIST_BODY_CAP_BYTES
      ? 'Remove containers, images or volumes that host no longer needs, or check what listens at that address.'
      : 'A Docker daemon never sends documents this large: check what listens at that address.';
  return new BerthError(
    'RESPONSE_TOO_LARGE',
    `${endpoint} sent ${what} of ${size} to ${method} ${path}, over Berth's cap of ${binaryBytes(cap)}. Berth stopped reading and dropped this host's connection; other hosts are not affected. ${advice}`,
  );
}

/** Caps are powers of two, so they read best in binary units: 64 KiB, 16 MiB, 128 MiB. */
function binaryBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}
