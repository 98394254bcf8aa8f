import { Trash2 } from 'lucide-react';
import { type KindPreview, type PruneResult, cleanupKindLabels } from '../../../shared/cleanup';
import type { ErrorEnvelope } from '../../../shared/errors';
import { ErrorNotice } from '../../components/error-notice';
import { formatBytes } from '../../lib/format';
import { PruneResultView } from './prune-result';

const LISTED = 50;

export interface KindCardProps {
  preview: KindPreview;
  result: PruneResult | undefined;
  error: ErrorEnvelope | undefined;
  pruning: boolean;
  /** Why pruning is not offered (read-only host, host not ready), or null. */
  disabledReason: string | null;
  onPrune: () => void;
}

/** One kind: what a prune would remove (exactly, by name) and free, the Prune button, and the last result. */
export function KindCard({ preview, result, error, pruning, disabledReason, onPrune }: KindCardProps) {
  const label = cleanupKindLabels[preview.kind];
  const empty = preview.count === 0;
  return (
    <section className={`cleanup-kind${empty ? ' cleanup-kind--empty' : ''}`} aria-label={label}>
      <header className="cleanup-kind-header">
        <h3 className="cleanup-kind-title">{label}</h3>
        <span className="cleanup-kind-figures">
          {empty ? (
            'nothing to prune'
          ) : (
            <>
              <strong>{preview.count}</strong> · <strong>{formatBytes(preview.bytes)}</strong>
              {preview.unknownSizes > 0 ? <span className="muted"> + {preview.unknownSizes} of unknown size</span> : null}
            </>
          )}
        </span>
        <button
          type="button"
          className="button button--danger button--small"
          disabled={empty || pruning || disabledReason !== null}
          title={disabledReason ?? undefined}
          onClick={onPrune}
        >
          <Trash2 size={14} aria-hidden="true" />
          {pruning ? 'Pruning…' : 'Prune…'}
        </button>
      </header>
      {!empty ? (
        <table className="data-table cleanup-items" aria-label={`${label} to prune`}>
          <tbody>
            {preview.items.slice(0, LISTED).map((item) => (
              <tr key={item.id}>
                <td className="mono cleanup-item-name" title={item.id}>
                  {item.name}
                </td>
                <td className="muted">{item.detail ?? ''}</td>
                <td className="num">{item.bytes === null ? 'unknown' : formatBytes(item.bytes)}</td>
              </tr>
            ))}
            {preview.count > LISTED ? (
              <tr>
                <td colSpan={3} className="muted">
                  … and {preview.count - LISTED} more
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
      {preview.notes.map((note) => (
        <p key={note} className="cleanup-note muted">
          {note}
        </p>
      ))}
      {error ? <ErrorNotice error={error} title="The prune was not done" /> : null}
      {result ? <PruneResultView result={result} /> : null}
    </section>
  );
}
