import { ArrowLeft, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import type { CleanupKind } from '../../../shared/cleanup';
import { apiAtLeast } from '../../../shared/docker/prune-preview';
import type { HostView } from '../../../shared/host-view';
import { isProduction, isReadOnly } from '../../../shared/profile';
import { ErrorNotice } from '../../components/error-notice';
import { ProductionBadge } from '../../components/production-badge';
import { formatBytes, formatTimestamp } from '../../lib/format';
import { KindCard } from './kind-card';
import { PruneDialog } from './prune-dialog';
import { useCleanup } from './use-cleanup';
import './cleanup.css';

export interface CleanupViewProps {
  host: HostView;
  onBack: () => void;
}

/**
 * Cleanup of one host: per kind exactly what a prune would remove and the bytes it frees, read
 * from the daemon; a prune asks first (the host's name typed on production hosts), then shows
 * the daemon's report beside the preview. Main decides what is allowed; this view only explains.
 */
export function CleanupView({ host, onBack }: CleanupViewProps) {
  const ready = host.status.state === 'ready';
  const state = useCleanup(host.profile.id, ready);
  const [asking, setAsking] = useState<CleanupKind | null>(null);
  const readOnly = isReadOnly(host.profile);
  const production = isProduction(host.profile);
  const disabledReason = readOnly
    ? 'This host is read-only: Berth does not prune it.'
    : !ready
      ? 'The host is not connected.'
      : state.pruning
        ? 'Another prune is running.'
        : null;
  const askingPreview = state.preview?.kinds.find((preview) => preview.kind === asking);
  const apiVersion = state.preview?.apiVersion;
  return (
    <div className="cleanup-view" role="region" aria-label={`Cleanup of ${host.profile.name}`}>
      <header className="cleanup-header">
        <button type="button" className="button" onClick={onBack}>
          <ArrowLeft size={14} aria-hidden="true" /> Dashboard
        </button>
        <h2 className="cleanup-title">Cleanup · {host.profile.name}</h2>
        {production ? <ProductionBadge size="small" /> : null}
        <span className="cleanup-total">
          {state.preview ? (
            <>
              <strong>{formatBytes(state.preview.totalBytes)}</strong> reclaimable · read {formatTimestamp(state.preview.readAt)}
            </>
          ) : null}
        </span>
        <button type="button" className="button" onClick={state.reload} disabled={state.loading || !ready}>
          <RefreshCw size={14} aria-hidden="true" /> {state.loading ? 'Reading…' : 'Read again'}
        </button>
      </header>
      {readOnly ? <p className="read-only-note">Read-only host: the preview is shown, pruning is off.</p> : null}
      {!ready ? <p className="muted">The host is not connected; the preview is read once it is.</p> : null}
      {state.error ? <ErrorNotice error={state.error} title="The preview could not be read" /> : null}
      {/* Before API 1.42 the daemon prunes named volumes anyway: nothing to choose. */}
      {apiVersion && apiAtLeast(apiVersion, '1.42') ? (
        <label className="inline-field cleanup-named-volumes">
          <input
            type="checkbox"
            checked={state.includeNamedVolumes}
            onChange={(event) => state.setIncludeNamedVolumes(event.target.checked)}
          />
          Volumes: include unused named volumes (API 1.42+ prunes anonymous ones only unless asked)
        </label>
      ) : null}
      <div className="cleanup-kinds">
        {state.preview?.kinds.map((preview) => (
          <KindCard
            key={preview.kind}
            preview={preview}
            result={state.results[preview.kind]}
            error={state.pruneErrors[preview.kind]}
            pruning={state.pruning === preview.kind}
            disabledReason={disabledReason}
            onPrune={() => setAsking(preview.kind)}
          />
        ))}
      </div>
      {askingPreview ? (
        <PruneDialog
          preview={askingPreview}
          hostName={host.profile.name}
          production={production}
          onClose={() => setAsking(null)}
          onConfirm={(confirmation) => {
            setAsking(null);
            void state.prune(askingPreview.kind, confirmation);
          }}
        />
      ) : null}
    </div>
  );
}
