import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorEnvelope } from '../../shared/errors';
import { toApiError } from './api';

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ErrorEnvelope | null;
  reset: () => void;
}

/** Runs an API call and tracks whether it is pending and how it failed (as an error envelope). */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const mounted = useRef(true);
  const latest = useRef(perform);
  useEffect(() => {
    latest.current = perform;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (...args: A) => {
    setPending(true);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (failure) {
      if (mounted.current) setError(toApiError(failure).toEnvelope());
      return undefined;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
