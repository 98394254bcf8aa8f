import type { StorageReading, ThinPoolReading } from '../../shared/snapshot';

/** devicemapper's thin pool, wherever the reading carries it. */
export function poolOf(storage: StorageReading): ThinPoolReading | undefined {
  return storage.pool ?? (storage.reading.driver === 'devicemapper' ? storage.reading.pool : undefined);
}
