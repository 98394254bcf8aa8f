import { type ErrorCode, type ErrorEnvelope, isErrorCode } from '../../shared/errors.js';

/**
 * The one error type the core throws on purpose. `message` is written for the operator:
 * what happened and what to do about it. Secrets never go into it.
 */
export class BerthError extends Error {
  readonly code: ErrorCode;
  /** Extra structured detail for the UI (e.g. a host-key prompt); never secrets. */
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; detail?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = code;
    this.detail = options?.detail;
  }

  toEnvelope(): ErrorEnvelope {
    return { code: this.code, message: this.message };
  }
}

export function isBerthError(error: unknown): error is BerthError {
  return error instanceof BerthError;
}

/** Turns anything thrown into an envelope; unknown errors become INTERNAL without leaking stack traces. */
export function toEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof BerthError) return error.toEnvelope();
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    isErrorCode((error as { code: unknown }).code) &&
    'message' in error
  ) {
    return { code: (error as { code: ErrorCode }).code, message: String((error as { message: unknown }).message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}. This is a bug in Berth; please report it.` };
}

/** The errno-style code Node puts on system errors (ECONNREFUSED, ENOENT, …), if any. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
