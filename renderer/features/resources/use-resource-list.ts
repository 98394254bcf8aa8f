import { useEffect, useRef, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { ImageRow, NetworkRow, ResourceKind, ResourceList, VolumeRow } from '../../../shared/resources';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';
import { shareRows } from './share-rows';

export interface RowsOf {
  images: ImageRow;
  volumes: VolumeRow;
  networks: NetworkRow;
}

const keyOf: { [K in ResourceKind]: (row: RowsOf[K]) => string } = {
  images: (row) => row.id,
  volumes: (row) => row.name,
  networks: (row) => row.id,
};

export type ResourceListState<K extends ResourceKind> =
  | { state: 'loading' }
  | { state: 'loaded'; list: ResourceList<RowsOf[K]>; reading: boolean; error?: ErrorEnvelope }
  | { state: 'failed'; error: ErrorEnvelope };

/**
 * A host's list of one kind, read when the view opens, again on every `resources:changed` push
 * for that host and kind (main coalesces the daemon's events), and when the host becomes ready.
 * At most one read is in flight: a change during a read causes one more read after it, however
 * many changes arrive. No polling.
 */
export function useResourceList<K extends ResourceKind>(hostId: string, kind: K, ready: boolean) {
  const { api } = useServices();
  const [state, setState] = useState<ResourceListState<K>>({ state: 'loading' });
  const control = useRef<{ reading: boolean; again: boolean; reload: () => void }>({
    reading: false,
    again: false,
    reload: () => undefined,
  });

  useEffect(() => {
    let disposed = false;
    const current = control.current;
    current.reading = false;
    current.again = false;
    setState({ state: 'loading' });
    const read = () => {
      if (disposed) return;
      if (current.reading) {
        current.again = true;
        return;
      }
      current.reading = true;
      setState((previous) => (previous.state === 'loaded' ? { ...previous, reading: true } : previous));
      const channel = `${kind}:list` as 'images:list' | 'volumes:list' | 'networks:list';
      api
        .invoke(channel, { hostId })
        .then(
          (list) => {
            if (disposed) return;
            const next = list as ResourceList<RowsOf[K]>;
            setState((previous) => {
              const rows = shareRows(
                previous.state === 'loaded' ? previous.list.rows : undefined,
                next.rows,
                keyOf[kind] as (row: RowsOf[K]) => string,
              );
              return { state: 'loaded', list: { ...next, rows }, reading: false };
            });
          },
          (error: unknown) => {
            if (disposed) return;
            const envelope = toApiError(error).toEnvelope();
            // A list already shown stays, marked with the failed re-read.
            setState((previous) =>
              previous.state === 'loaded' ? { ...previous, reading: false, error: envelope } : { state: 'failed', error: envelope },
            );
          },
        )
        .finally(() => {
          current.reading = false;
          if (current.again && !disposed) {
            current.again = false;
            read();
          }
        });
    };
    current.reload = read;
    if (ready) read();
    else
      setState({
        state: 'failed',
        error: { code: 'HOST_NOT_CONNECTED', message: 'The host is not connected; the list is read as soon as it is ready again.' },
      });
    const unsubscribe = api.on('resources:changed', (change) => {
      if (change.hostId === hostId && change.kinds.includes(kind)) read();
    });
    return () => {
      disposed = true;
      unsubscribe();
    };
  }, [api, hostId, kind, ready]);

  return { state, reload: () => control.current.reload() };
}
