export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 500, maxMs: 30_000, random: Math.random };

/**
 * Exponential backoff with jitter: the ceiling doubles per attempt, and the delay is drawn from
 * the upper half of it so that many hosts that dropped together do not reconnect in lockstep.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * policy.random());
}
