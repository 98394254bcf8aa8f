import { useCallback, useEffect, useState } from 'react';
import type { CleanupKind, CleanupPreview, PruneResult } from '../../../shared/cleanup';
import type { ErrorEnvelope } from '../../../shared/errors';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';

export interface CleanupState {
  preview: CleanupPreview | null;
  loading: boolean;
  error: ErrorEnvelope | null;
  /** The last prune of each kind, shown next to its preview. */
  results: Partial<Record<CleanupKind, PruneResult>>;
  pruning: CleanupKind | null;
  pruneErrors: Partial<Record<CleanupKind, ErrorEnvelope>>;
  includeNamedVolumes: boolean;
  setIncludeNamedVolumes(value: boolean): void;
  reload(): void;
  prune(kind: CleanupKind, confirmation: string | undefined): Promise<void>;
}

/** The preview of every kind for one host, re-read after each prune; prune results kept per kind. */
export function useCleanup(hostId: string, ready: boolean): CleanupState {
  const { api } = useServices();
  const [preview, setPreview] = useState<CleanupPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [results, setResults] = useState<Partial<Record<CleanupKind, PruneResult>>>({});
  const [pruneErrors, setPruneErrors] = useState<Partial<Record<CleanupKind, ErrorEnvelope>>>({});
  const [pruning, setPruning] = useState<CleanupKind | null>(null);
  const [includeNamedVolumes, setIncludeNamedVolumes] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setLoading(true);
    setError(null);
    api
      .invoke('cleanup:preview', { hostId, includeNamedVolumes })
      .then((value) => live && setPreview(value))
      .catch((failure: unknown) => live && setError(toApiError(failure).toEnvelope()))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, hostId, ready, includeNamedVolumes, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const prune = useCallback(
    async (kind: CleanupKind, confirmation: string | undefined) => {
      setPruning(kind);
      setPruneErrors((current) => ({ ...current, [kind]: undefined }));
      try {
        const result = await api.invoke('cleanup:prune', {
          hostId,
          kind,
          includeNamedVolumes,
          ...(confirmation !== undefined && { confirmation }),
        });
        setResults((current) => ({ ...current, [kind]: result }));
      } catch (failure) {
        setPruneErrors((current) => ({ ...current, [kind]: toApiError(failure).toEnvelope() }));
      } finally {
        setPruning(null);
        reload();
      }
    },
    [api, hostId, includeNamedVolumes, reload],
  );

  return { preview, loading, error, results, pruning, pruneErrors, includeNamedVolumes, setIncludeNamedVolumes, reload, prune };
}
