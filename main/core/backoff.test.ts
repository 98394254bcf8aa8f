import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const policy = (value: number) => ({ initialMs: 500, maxMs: 30_000, random: () => value });

  it('doubles the ceiling per attempt and draws from its upper half', () => {
    expect(backoffDelay(1, policy(0))).toBe(250);
    expect(backoffDelay(1, policy(0.999999))).toBe(500);
    expect(backoffDelay(2, policy(0))).toBe(500);
    expect(backoffDelay(4, policy(1))).toBe(4000);
  });

  it('never exceeds the maximum however many attempts failed', () => {
    expect(backoffDelay(50, policy(1))).toBe(30_000);
    expect(backoffDelay(50, policy(0))).toBe(15_000);
  });
});
