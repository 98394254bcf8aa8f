import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthBudget } from './health-budget.js';

/** A read that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, done };
}

describe('HealthBudget', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('runs at most `connections` reads at once and starts the next as one finishes', async () => {
    const budget = new HealthBudget({ connections: 2, requestsPerSecond: 1_000 });
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      budget.run(1, async () => {
        started.push(index);
        await g.done;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1]);
    expect(budget.active()).toBe(2);
    expect(budget.waiting()).toBe(1);
    gates[0]!.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    gates[2]!.open();
    await Promise.all(runs);
    expect(budget.active()).toBe(0);
  });

  it('frees the slot when a read fails', async () => {
    const budget = new HealthBudget({ connections: 1, requestsPerSecond: 1_000 });
    await expect(budget.run(1, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(budget.run(1, async () => 'next')).resolves.toBe('next');
  });

  it('starts at most requestsPerSecond requests in any second after a one-second burst', async () => {
    const budget = new HealthBudget({ connections: 100, requestsPerSecond: 8 });
    const startedAt: number[] = [];
    // Ten reads of 4 requests each: 8 tokens of burst = two reads now, then one every 500 ms.
    const runs = Array.from({ length: 10 }, () => budget.run(4, async () => void startedAt.push(Date.now() - 1_000_000)));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(runs);
    expect(startedAt).toEqual([0, 0, 500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000]);
    for (const start of startedAt) {
      const inWindow = startedAt.filter((other) => other >= start && other < start + 1_000).length * 4;
      expect(inWindow).toBeLessThanOrEqual(8 + 4);
    }
  });

  it('lets unmetered reads (first reads at start) pass the bucket but not the slot limit', async () => {
    const budget = new HealthBudget({ connections: 3, requestsPerSecond: 1 });
    let running = 0;
    let most = 0;
    const runs = Array.from({ length: 9 }, () =>
      budget.run(
        4,
        async () => {
          running += 1;
          most = Math.max(most, running);
          await Promise.resolve();
          running -= 1;
        },
        { metered: false },
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(runs);
    expect(most).toBe(3);
    expect(Date.now()).toBe(1_000_000);
  });

  it('applies new limits to reads still waiting', async () => {
    const budget = new HealthBudget({ connections: 1, requestsPerSecond: 1_000 });
    const first = gate();
    const started: number[] = [];
    const runs = [0, 1, 2].map((index) =>
      budget.run(1, async () => {
        started.push(index);
        if (index === 0) await first.done;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0]);
    budget.setLimits({ connections: 3, requestsPerSecond: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1, 2]);
    first.open();
    await Promise.all(runs);
  });
});
