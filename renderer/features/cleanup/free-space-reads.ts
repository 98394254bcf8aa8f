import { useEffect, useState } from 'react';
import type { FreeSpace } from '../../../shared/cleanup';
import { type BerthApi, toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';

/** A reading is reused this long (df over SSH is cheap, but a fleet of hosts asks at once). */
const FRESH_MS = 60_000;

interface Entry {
  at: number;
  reading: Promise<FreeSpace>;
}

// Per bridge, so a test's or the demo's bridge never sees another's readings.
const caches = new WeakMap<BerthApi, Map<string, Entry>>();

/** One host's free space: the cached reading while fresh, else one new request shared by every caller. */
export function readFreeSpace(api: BerthApi, hostId: string, now = Date.now()): Promise<FreeSpace> {
  let cache = caches.get(api);
  if (!cache) caches.set(api, (cache = new Map()));
  const held = cache.get(hostId);
  if (held && now - held.at < FRESH_MS) return held.reading;
  const reading = api
    .invoke('cleanup:free-space', { hostId })
    .catch((failure: unknown): FreeSpace => ({ kind: 'unknown', path: null, reason: toApiError(failure).toEnvelope() }));
  cache.set(hostId, { at: now, reading });
  return reading;
}

/** Free space of each listed host that is ready (others: undefined), re-read every minute. */
export function useFreeSpaces(hostIds: readonly string[]): ReadonlyMap<string, FreeSpace> {
  const { api } = useServices();
  const [readings, setReadings] = useState<ReadonlyMap<string, FreeSpace>>(new Map());
  const key = hostIds.join('\n');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split('\n');
    const read = () => {
      void Promise.all(ids.map(async (id) => [id, await readFreeSpace(api, id)] as const)).then((pairs) => {
        if (live) setReadings(new Map(pairs));
      });
    };
    read();
    const timer = setInterval(read, FRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, key]);
  return readings;
}
