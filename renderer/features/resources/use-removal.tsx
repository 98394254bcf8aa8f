import { useCallback, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { isProduction, isReadOnly } from '../../../shared/profile';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { KIND_NOUN, RemoveDialog, type RemoveRequest } from './remove-dialog';

type Report =
  | { state: 'running'; ref: string }
  | { state: 'done'; ref: string; lines: string[] }
  | { state: 'failed'; ref: string; error: ErrorEnvelope };

export const READ_ONLY_REASON = 'This host is read-only (host settings): Berth does not change anything on it.';

/** Removal for a resource view: the dialog, the call through main (guards, audit), and its report. */
export function useRemoval(host: HostView, onRemoved: () => void) {
  const { api } = useServices();
  const [asking, setAsking] = useState<RemoveRequest | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const readOnly = isReadOnly(host.profile);
  const hostId = host.profile.id;

  const confirm = useCallback(
    (request: RemoveRequest, options: { force: boolean; confirmation?: string }) => {
      setAsking(null);
      setReport({ state: 'running', ref: request.ref });
      api
        .invoke('resources:remove', {
          hostId,
          kind: request.kind,
          ref: request.ref,
          force: options.force,
          ...(options.confirmation !== undefined ? { confirmation: options.confirmation } : {}),
        })
        .then(
          (removal) => {
            setReport({ state: 'done', ref: request.ref, lines: removal.report });
            onRemoved();
          },
          (error: unknown) => setReport({ state: 'failed', ref: request.ref, error: toApiError(error).toEnvelope() }),
        );
    },
    [api, hostId, onRemoved],
  );

  const view = (
    <>
      {asking ? (
        <RemoveDialog
          request={asking}
          hostName={host.profile.name}
          production={isProduction(host.profile)}
          onConfirm={(options) => confirm(asking, options)}
          onClose={() => setAsking(null)}
        />
      ) : null}
      {report?.state === 'running' ? (
        <div className="action-report" role="status">
          Removing {report.ref}…
        </div>
      ) : report?.state === 'done' ? (
        <div className="action-report action-report--ok" role="status">
          <span>
            Removed {report.ref}
            {report.lines.length > 0 ? ` (${report.lines.slice(0, 4).join(', ')}${report.lines.length > 4 ? ', …' : ''})` : ''}.
          </span>
          <button type="button" className="link-button" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </div>
      ) : report?.state === 'failed' ? (
        <ErrorNotice error={report.error} title={`Could not remove ${report.ref}:`}>
          <button type="button" className="link-button" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </ErrorNotice>
      ) : null}
    </>
  );

  const button = useCallback(
    (request: RemoveRequest, blocked?: string) => (
      <button
        type="button"
        className="button button--small button--ghost"
        aria-label={`Remove ${KIND_NOUN[request.kind]} ${request.ref}`}
        disabled={readOnly || blocked !== undefined}
        title={readOnly ? READ_ONLY_REASON : blocked}
        onClick={() => setAsking(request)}
      >
        Remove
      </button>
    ),
    [readOnly],
  );

  return { view, button };
}
