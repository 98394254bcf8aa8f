import { useEffect, useRef, useState } from 'react';
import type { LogsEvent } from '../../../../shared/containers';
import type { ErrorEnvelope } from '../../../../shared/errors';
import { useServices } from '../../../lib/services';
import { toApiError } from '../../../lib/api';
import { openStream } from '../../../lib/streams';
import { LogStore } from './log-store';

export interface LogQuery {
  follow: boolean;
  tail: number | 'all';
  since?: string;
  until?: string;
}

/** Whose log: one container's, or a compose project's merged log (each line prefixed by `service-number |`). */
export type LogTarget = { containerId: string } | { project: string };

export type LogConnection =
  | { state: 'opening' }
  | { state: 'live'; tty: boolean }
  | { state: 'lost'; error: ErrorEnvelope }
  | { state: 'resumed'; since: string }
  | { state: 'ended'; error?: ErrorEnvelope };

/**
 * A container's log stream into a LogStore. Pushed lines go into the store at once, outside
 * React state: the views that show them subscribe to the store and render at most once per
 * animation frame (useFrameVersion), so a chatty container never re-renders the whole tab.
 * A new query (or unmount) closes the stream in main.
 */
export function useLogStream(hostId: string, target: LogTarget, query: LogQuery) {
  const { api } = useServices();
  const store = useRef<LogStore | null>(null);
  if (store.current === null) store.current = new LogStore();
  const [connection, setConnection] = useState<LogConnection>({ state: 'opening' });
  const { follow, tail, since, until } = query;
  const containerId = 'containerId' in target ? target.containerId : null;
  const project = 'project' in target ? target.project : null;

  useEffect(() => {
    const lines = store.current!;
    lines.clear();
    setConnection({ state: 'opening' });
    const range = { follow, tail, ...(since ? { since } : {}), ...(until ? { until } : {}) };
    const handlers = {
      onOpened: ({ opened }: { opened: { tty: boolean } }) => setConnection({ state: 'live', tty: opened.tty }),
      onEvent: (event: LogsEvent) => {
        if (event.type === 'lines') {
          lines.append(
            event.lines.map((line) => ({
              stream: line.stream,
              text: line.cutFromBytes ? `${line.text} … [line cut: ${line.cutFromBytes.toLocaleString('en-US')} bytes]` : line.text,
              ...(line.time ? { timestamp: line.time } : {}),
            })),
          );
        } else if (event.type === 'disconnected') setConnection({ state: 'lost', error: event.error });
        else if (event.type === 'resumed') setConnection({ state: 'resumed', since: event.since });
        else setConnection(event.error ? { state: 'ended', error: event.error } : { state: 'ended' });
      },
      onError: (error: unknown) => setConnection({ state: 'ended', error: toApiError(error).toEnvelope() }),
    };
    const handle =
      project !== null
        ? openStream(api, { open: 'compose:logs-open', push: 'logs:event', close: 'logs:close' }, { hostId, project, ...range }, handlers)
        : openStream(
            api,
            { open: 'logs:open', push: 'logs:event', close: 'logs:close' },
            { hostId, containerId: containerId ?? '', ...range },
            handlers,
          );
    return () => handle.dispose();
  }, [api, hostId, containerId, project, follow, tail, since, until]);

  return { store: store.current, connection };
}
