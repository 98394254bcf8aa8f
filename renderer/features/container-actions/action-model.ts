import { type ContainerAction, isDestructive, requiredConfirmation } from '../../../shared/containers';
import type { ContainerSummary } from '../../../shared/snapshot';
import { containerName } from '../../lib/format';

/** A container as the actions need it: id, name and state. */
export interface ActionTarget {
  id: string;
  name: string;
  state: string;
}

/** A listed container as an action target. */
export function actionTargetOf(container: ContainerSummary): ActionTarget {
  return { id: container.id, name: containerName(container.names, container.id), state: container.state };
}

export type BulkAction = Exclude<ContainerAction, 'rename'>;

export const ACTION_LABELS: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  kill: 'Kill',
  pause: 'Pause',
  unpause: 'Unpause',
  remove: 'Remove',
  rename: 'Rename',
};

export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/** Whether an action makes sense for a container in `state` (the daemon has the last word). */
export function appliesTo(action: BulkAction, state: string): boolean {
  switch (action) {
    case 'start':
      return state === 'created' || state === 'exited' || state === 'dead';
    case 'stop':
    case 'kill':
      return state === 'running' || state === 'restarting' || state === 'paused';
    case 'restart':
      return state !== 'removing' && state !== 'dead';
    case 'pause':
      return state === 'running';
    case 'unpause':
      return state === 'paused';
    case 'remove':
      return state !== 'removing';
  }
}

/** The selected containers an action applies to. */
export function applicable(action: BulkAction, targets: readonly ActionTarget[]): ActionTarget[] {
  return targets.filter((target) => appliesTo(action, target.state));
}

export interface ConfirmationNeed {
  /** The dialog is shown at all. */
  ask: boolean;
  /** On a production host: what the operator must type (the name, or the count for a bulk action). */
  typed: string | null;
}

export function confirmationFor(action: ContainerAction, targets: readonly ActionTarget[], production: boolean): ConfirmationNeed {
  const ask = isDestructive(action, targets.length);
  return { ask, typed: ask && production ? requiredConfirmation(targets.map((target) => target.name)) : null };
}

/** One sentence for the confirmation dialog. */
export function describeAction(
  action: BulkAction,
  targets: readonly ActionTarget[],
  options: { signal?: string; force?: boolean; removeVolumes?: boolean },
): string {
  const subject = targets.length === 1 ? `“${targets[0]?.name}”` : `${targets.length} containers`;
  switch (action) {
    case 'stop':
      return `Stop ${subject}? The processes get SIGTERM, then SIGKILL after the grace period.`;
    case 'restart':
      return `Restart ${subject}? Running processes are stopped and started again.`;
    case 'kill':
      return `Send ${options.signal ?? 'SIGKILL'} to ${subject}?`;
    case 'remove':
      return `Remove ${subject}${options.force ? ' (running ones are killed first)' : ''}${options.removeVolumes ? ' with their anonymous volumes' : ''}? This cannot be undone.`;
    default:
      return `${ACTION_LABELS[action]} ${subject}?`;
  }
}
