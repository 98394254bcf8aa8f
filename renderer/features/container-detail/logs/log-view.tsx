import './container-logs.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { LogFilter } from './log-filter';
import { LogLineView } from './log-line-view';
import type { LogStore } from './log-store';

export const LOG_ROW_HEIGHT = 18;

export interface LogViewProps {
  store: LogStore;
  /** The store's version when this render was asked for (the store itself is mutable). */
  version: number;
  filter: LogFilter | null;
  showTimestamps: boolean;
  /** Keep the newest line in view. Scrolling up turns it off through `onFollowChange`. */
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
}

/**
 * The lines of a LogStore, virtualized with fixed-height rows: only the rows in view exist in
 * the DOM, so 50,000 kept lines scroll as smoothly as 50. Lines do not wrap; the view scrolls
 * sideways instead.
 */
export function LogView({ store, version, filter, showTimestamps, follow, onFollowChange }: LogViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const indexes = useMemo(
    () => (filter ? store.indexesWhere((line) => filter.test(line.plain)) : null),
    // version stands for the store's content.
    [store, version, filter],
  );
  const count = indexes ? indexes.length : store.size;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 20,
    getItemKey: (index) => store.at(indexes ? (indexes[index] ?? -1) : index)?.seq ?? index,
    initialRect: { width: 960, height: 480 },
  });

  // Following: after every change the newest line is in view.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (follow && element && count > 0) element.scrollTop = element.scrollHeight;
  }, [follow, count, version]);

  // The operator scrolling up leaves follow; scrolling back to the bottom resumes it.
  const followRef = useRef(follow);
  followRef.current = follow;
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < LOG_ROW_HEIGHT * 1.5;
      const movedUp = element.scrollTop < lastTop;
      lastTop = element.scrollTop;
      if (followRef.current && movedUp && !atBottom) onFollowChange(false);
      else if (!followRef.current && atBottom && !movedUp) onFollowChange(true);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [onFollowChange]);

  return (
    <div ref={scroller} className="log-view mono" tabIndex={0} aria-label="Log lines">
      <div role="list" className="log-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = store.at(indexes ? (indexes[item.index] ?? -1) : item.index);
          if (!line) return null;
          return (
            <LogLineView
              key={item.key}
              line={line}
              filter={filter}
              showTimestamps={showTimestamps}
              top={item.start}
              height={LOG_ROW_HEIGHT}
            />
          );
        })}
      </div>
    </div>
  );
}
