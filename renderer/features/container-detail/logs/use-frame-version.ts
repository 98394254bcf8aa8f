import { useEffect, useState } from 'react';
import type { LogStore } from './log-store';

/**
 * The store's version, updated at most once per animation frame: however many pushes arrive
 * in a frame, the component using it renders once, and only it (not the whole tab).
 */
export function useFrameVersion(store: LogStore): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let frame: number | null = null;
    const flush = () => {
      frame = null;
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      frame ??= requestAnimationFrame(flush);
    });
    // A change between the render and this effect would otherwise wait for the next one.
    setVersion(store.version);
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [store]);
  return version;
}
