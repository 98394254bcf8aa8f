import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../../shared/containers';
import { appendSample } from './stats-history';

const sample = (time: number, extra: Partial<StatsSample> = {}): StatsSample => ({
  time,
  cpuPercent: 12.5,
  onlineCpus: 2,
  memoryUsage: 100,
  memoryLimit: 1000,
  memoryPercent: 10,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 3,
  ...extra,
});

describe('appendSample', () => {
  it('turns cumulative counters into rates per second', () => {
    let history = appendSample([], sample(1000));
    expect(history[0]?.networkRxRate).toBeNull();
    history = appendSample(history, sample(3000, { networkRx: 4000, networkTx: 2000, blockRead: 1000, blockWrite: 500 }));
    expect(history[1]).toMatchObject({ networkRxRate: 2000, networkTxRate: 1000, blockReadRate: 500, blockWriteRate: 250 });
  });

  it('treats a counter that went backwards (container restarted) as unknown, not negative', () => {
    const history = appendSample(appendSample([], sample(1000, { networkRx: 5000 })), sample(2000, { networkRx: 10 }));
    expect(history[1]?.networkRxRate).toBeNull();
  });

  it('keeps at most the capacity, newest last, without changing the old array', () => {
    let history = appendSample([], sample(0));
    const first = history;
    for (let i = 1; i < 10; i += 1) history = appendSample(history, sample(i * 1000), 4);
    expect(history.map((point) => point.time)).toEqual([6000, 7000, 8000, 9000]);
    expect(first).toHaveLength(1);
  });
});
