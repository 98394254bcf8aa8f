import { useCallback, useState } from 'react';
import type { ContainerActionOutcome, ContainerActionResult } from '../../../shared/containers';
import type { ErrorEnvelope } from '../../../shared/errors';
import { useServices } from '../../lib/services';
import { toApiError } from '../../lib/api';
import type { ActionTarget, BulkAction } from './action-model';
import type { ActionOptions } from './confirm-action-dialog';

export type ActionReport =
  | { state: 'running'; action: BulkAction | 'rename'; count: number }
  | { state: 'done'; action: BulkAction | 'rename'; outcomes: ContainerActionOutcome[] }
  | { state: 'failed'; action: BulkAction | 'rename'; error: ErrorEnvelope };

/**
 * Runs container actions through main (which checks read-only and the production guard and
 * writes the audit log) and keeps the last report to show next to the buttons.
 */
export function useContainerActions(hostId: string) {
  const { api } = useServices();
  const [report, setReport] = useState<ActionReport | null>(null);

  const settle = (action: BulkAction | 'rename', promise: Promise<ContainerActionResult>) =>
    promise.then(
      (result) => setReport({ state: 'done', action, outcomes: result.results }),
      (error: unknown) => setReport({ state: 'failed', action, error: toApiError(error).toEnvelope() }),
    );

  const run = useCallback(
    (action: BulkAction, targets: readonly ActionTarget[], options: ActionOptions = {}) => {
      setReport({ state: 'running', action, count: targets.length });
      return settle(
        action,
        api.invoke('containers:action', {
          hostId,
          action,
          containerIds: targets.map((target) => target.id),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.force ? { force: true } : {}),
          ...(options.removeVolumes ? { removeVolumes: true } : {}),
          ...(options.confirmation !== undefined ? { confirmation: options.confirmation } : {}),
        }),
      );
    },
    [api, hostId],
  );

  const rename = useCallback(
    (target: ActionTarget, newName: string) => {
      setReport({ state: 'running', action: 'rename', count: 1 });
      return settle('rename', api.invoke('containers:rename', { hostId, containerId: target.id, newName }));
    },
    [api, hostId],
  );

  return { report, run, rename, clear: useCallback(() => setReport(null), []) };
}
