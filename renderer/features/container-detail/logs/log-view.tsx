import './container-logs.css';
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FilteredLines } from './filtered-lines';
import { LogLineView } from './log-line-view';
import type { LogLine, LogStore } from './log-store';
import { useFrameVersion } from './use-frame-version';
import { bottomScrollTop, visibleRows } from './visible-rows';

export const LOG_ROW_HEIGHT = 18;

/** The viewport height assumed until the element is measured (the first frame only). */
const INITIAL_VIEWPORT_HEIGHT = 480;

export interface LogViewProps {
  store: LogStore;
  /** The lines shown: the store's, or those that pass the filter (FilteredLines of this store). */
  lines: FilteredLines;
  showTimestamps: boolean;
  /** Keep the newest line in view. Scrolling up turns it off through `onFollowChange`. */
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
}

/**
 * The lines of a LogStore, virtualized with fixed-height rows: which rows exist in the DOM is
 * arithmetic on the scroll position (nothing measured per row), so 50,000 kept lines scroll as
 * smoothly as 50 and a frame's cost does not grow with the lines kept. It subscribes to the
 * store itself and renders at most once per animation frame. Lines do not wrap; the view
 * scrolls sideways instead.
 */
export function LogView({ store, lines, showTimestamps, follow, onFollowChange }: LogViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  useFrameVersion(store);
  const count = lines.size;
  const [viewport, setViewport] = useState({ top: 0, height: INITIAL_VIEWPORT_HEIGHT });
  const top = follow ? bottomScrollTop(viewport.height, count, LOG_ROW_HEIGHT) : viewport.top;
  const { first, end } = visibleRows(top, viewport.height, count, LOG_ROW_HEIGHT);
  const rows: LogLine[] = [];
  for (let index = first; index < end; index += 1) {
    const line = lines.at(index);
    if (line) rows.push(line);
  }

  // Following: the newest line in view after every change. The position is computed, never read
  // from the element, so following costs no forced layout of its own.
  useLayoutEffect(() => {
    if (follow && scroller.current) scroller.current.scrollTop = top;
  }, [follow, top]);

  // What the scroll handler needs from the latest render, without re-subscribing every frame.
  const latest = useRef({ follow, count, height: viewport.height, onFollowChange });
  latest.current = { follow, count, height: viewport.height, onFollowChange };

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      const height = element.clientHeight || INITIAL_VIEWPORT_HEIGHT;
      setViewport((current) => (current.height === height ? current : { ...current, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The operator scrolling up leaves follow; scrolling back to the bottom resumes it.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const { follow: following, count: rowCount, height, onFollowChange: changeFollow } = latest.current;
      const scrollTop = element.scrollTop;
      const atBottom = bottomScrollTop(height, rowCount, LOG_ROW_HEIGHT) - scrollTop < LOG_ROW_HEIGHT * 1.5;
      const movedUp = scrollTop < lastTop;
      lastTop = scrollTop;
      if (following && movedUp && !atBottom) changeFollow(false);
      else if (!following && atBottom && !movedUp) changeFollow(true);
      setViewport((current) => (current.top === scrollTop ? current : { ...current, top: scrollTop }));
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);

  const style = { '--log-row-height': `${LOG_ROW_HEIGHT}px` } as CSSProperties;
  return (
    <div ref={scroller} className="log-view mono" tabIndex={0} aria-label="Log lines" style={style}>
      <div className="log-spacer" style={{ height: count * LOG_ROW_HEIGHT }}>
        <div role="list" className="log-rows" style={{ transform: `translateY(${first * LOG_ROW_HEIGHT}px)` }}>
          {rows.map((line) => (
            <LogLineView key={line.seq} line={line} filter={lines.filter} showTimestamps={showTimestamps} />
          ))}
        </div>
      </div>
    </div>
  );
}
