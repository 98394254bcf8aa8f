import type { InvokeInput, InvokeResults, PushEvents } from '../../shared/contract';
import type { BerthApi } from './api';

type StreamPush = 'logs:event' | 'exec:event' | 'stats:event';
type OpenChannel = 'logs:open' | 'exec:open' | 'stats:open' | 'compose:logs-open';
type CloseChannel = 'logs:close' | 'exec:close' | 'stats:close';

export interface OpenedStream<R> {
  /** What `*:open` answered (streamId and the stream's facts). */
  opened: R;
  /** Closes the stream in main (once; later calls do nothing). */
  close: () => void;
}

export interface StreamHandle {
  /** Stops listening and closes the stream in main, also when it is still opening. */
  dispose: () => void;
}

/** Events that arrive before `*:open` answered are kept, at most this many, then replayed. */
const EARLY_EVENT_LIMIT = 1000;

/**
 * Opens a main-side stream (logs, exec, stats) and routes its pushes to `onEvent`. Main may
 * push the first events before the open call's answer arrives: they are held and replayed in
 * order. Disposing closes the stream in main, however far the opening got, so a view that
 * goes away never leaves a stream (or an exec process) running.
 */
export function openStream<O extends OpenChannel, P extends StreamPush>(
  api: BerthApi,
  channels: { open: O; push: P; close: CloseChannel },
  input: InvokeInput<O>,
  handlers: {
    onOpened?: (stream: OpenedStream<InvokeResults[O]>) => void;
    onEvent: (event: PushEvents[P]) => void;
    onError: (error: unknown) => void;
  },
): StreamHandle {
  let streamId: string | null = null;
  let disposed = false;
  let closed = false;
  const early: Array<PushEvents[P]> = [];
  const close = () => {
    if (closed || streamId === null) return;
    closed = true;
    api.invoke(channels.close, { streamId }).catch(() => {
      // Already closed on the main side (ended, or the client reconnected): nothing to do.
    });
  };
  const unsubscribe = api.on(channels.push, (event) => {
    if (disposed) return;
    const id = (event as { streamId: string }).streamId;
    if (streamId === null) {
      if (early.length < EARLY_EVENT_LIMIT) early.push(event);
    } else if (id === streamId) handlers.onEvent(event);
  });
  api.invoke(channels.open, input).then(
    (opened) => {
      streamId = (opened as { streamId: string }).streamId;
      if (disposed) {
        close();
        return;
      }
      handlers.onOpened?.({ opened, close });
      for (const event of early.splice(0)) {
        if (disposed) break;
        if ((event as { streamId: string }).streamId === streamId) handlers.onEvent(event);
      }
    },
    (error: unknown) => {
      if (!disposed) handlers.onError(error);
    },
  );
  return {
    dispose: () => {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      early.length = 0;
      close();
    },
  };
}
