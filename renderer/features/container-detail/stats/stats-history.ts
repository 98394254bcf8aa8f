import type { StatsSample } from '../../../../shared/containers';

/** Samples kept for the charts: about 3 minutes at the daemon's one sample per second. */
export const STATS_HISTORY = 180;

export interface StatsPoint {
  time: number;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  /** Bytes per second since the previous sample (null for the first one, or after a counter reset). */
  networkRxRate: number | null;
  networkTxRate: number | null;
  blockReadRate: number | null;
  blockWriteRate: number | null;
  pids: number;
  /** The cumulative counters, as `docker stats` shows them. */
  sample: StatsSample;
}

function rate(current: number, previous: number, seconds: number): number | null {
  if (seconds <= 0 || current < previous) return null;
  return (current - previous) / seconds;
}

/** Appends a sample to a bounded history (a new array; the old one is left as it was). */
export function appendSample(history: readonly StatsPoint[], sample: StatsSample, capacity = STATS_HISTORY): StatsPoint[] {
  const previous = history[history.length - 1]?.sample;
  const seconds = previous ? (sample.time - previous.time) / 1000 : 0;
  const point: StatsPoint = {
    time: sample.time,
    cpuPercent: sample.cpuPercent,
    memoryUsage: sample.memoryUsage,
    memoryLimit: sample.memoryLimit,
    memoryPercent: sample.memoryPercent,
    networkRxRate: previous ? rate(sample.networkRx, previous.networkRx, seconds) : null,
    networkTxRate: previous ? rate(sample.networkTx, previous.networkTx, seconds) : null,
    blockReadRate: previous ? rate(sample.blockRead, previous.blockRead, seconds) : null,
    blockWriteRate: previous ? rate(sample.blockWrite, previous.blockWrite, seconds) : null,
    pids: sample.pids,
    sample,
  };
  const next = history.length >= capacity ? history.slice(history.length - capacity + 1) : history.slice();
  next.push(point);
  return next;
}
