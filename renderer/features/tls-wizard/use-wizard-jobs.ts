import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import {
  type TlsGenerateResult,
  type TlsGenerationStep,
  type TlsInstallResultView,
  type TlsRollbackResultView,
  type TlsStepReport,
  tlsGenerationSteps,
  tlsInstallStepList,
  tlsRollbackStepList,
} from '../../../shared/tls-contract';
import { useServices } from '../../lib/services';
import { toApiError } from '../../lib/api';
import { checkAddresses } from './address-validation';
import { type WizardForm, generationKey, namesOf, parsePort } from './wizard-state';

export type GenerationState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; completed: number; total: number; step: TlsGenerationStep | undefined }
  | { status: 'done'; result: TlsGenerateResult; key: string }
  | { status: 'failed'; error: ErrorEnvelope }
  | { status: 'cancelled' };

let counter = 0;
function newId(prefix: string): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${counter}-${random}`;
}

/** tls:generate with its tls:progress pushes and tls:cancel. */
export function useGeneration() {
  const { api } = useServices();
  const [state, setState] = useState<GenerationState>({ status: 'idle' });
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('tls:progress', (progress) => {
        if (progress.jobId !== jobRef.current) return;
        setState((current) =>
          current.status === 'running' && current.jobId === progress.jobId
            ? { ...current, completed: progress.completed, step: progress.step }
            : current,
        );
      }),
    [api],
  );
  // A wizard closed mid-generation stops it: nothing half-made is left behind.
  useEffect(
    () => () => {
      if (jobRef.current) void api.tls('tls:cancel', { jobId: jobRef.current }).catch(() => undefined);
    },
    [api],
  );

  const start = useCallback(
    async (form: WizardForm, overwrite: boolean) => {
      const sans = checkAddresses(namesOf(form));
      if (!sans.ok) return;
      const jobId = newId('gen');
      jobRef.current = jobId;
      setState({ status: 'running', jobId, completed: 0, total: tlsGenerationSteps.length, step: undefined });
      try {
        const result = await api.tls('tls:generate', {
          jobId,
          sans: sans.sans,
          includeLoopback: form.includeLoopback,
          keyType: form.keyType,
          validityDays: Number(form.validityDays),
          ...(form.caPassphrase !== '' ? { caPassphrase: form.caPassphrase } : {}),
          outDir: form.outDir.trim(),
          overwrite,
        });
        if (jobRef.current === jobId) setState({ status: 'done', result, key: generationKey(form) });
      } catch (error) {
        const envelope = toApiError(error).toEnvelope();
        if (jobRef.current === jobId)
          setState(envelope.code === 'TLS_GENERATION_CANCELLED' ? { status: 'cancelled' } : { status: 'failed', error: envelope });
      } finally {
        if (jobRef.current === jobId) jobRef.current = null;
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    if (jobId) await api.tls('tls:cancel', { jobId }).catch(() => undefined);
  }, [api]);

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, start, cancel, reset };
}

export type InstallState =
  | { status: 'idle' }
  | { status: 'running'; installId: string; steps: TlsStepReport[] }
  | { status: 'finished'; installId: string; steps: TlsStepReport[]; result: TlsInstallResultView }
  | { status: 'failed'; error: ErrorEnvelope };

export type RollbackState =
  | { status: 'idle' }
  | { status: 'running'; steps: TlsStepReport[] }
  | { status: 'finished'; steps: TlsStepReport[]; result: TlsRollbackResultView }
  | { status: 'failed'; error: ErrorEnvelope };

/** The planned steps with what was reported so far put in (steps not reached yet stay pending). */
export function mergeSteps(
  planned: readonly { id: string; title: string }[],
  reported: readonly TlsStepReport[],
): (TlsStepReport | { id: string; title: string; state: 'pending'; output: '' })[] {
  return planned.map(
    (step) => reported.find((report) => report.id === step.id) ?? { ...step, state: 'pending' as const, output: '' as const },
  );
}

function upsert(steps: readonly TlsStepReport[], step: TlsStepReport): TlsStepReport[] {
  const index = steps.findIndex((candidate) => candidate.id === step.id);
  if (index === -1) return [...steps, step];
  const next = steps.slice();
  next[index] = step;
  return next;
}

/** tls:install and tls:rollback with their tls:install-step pushes. */
export function useInstall() {
  const { api } = useServices();
  const [install, setInstall] = useState<InstallState>({ status: 'idle' });
  const [rollback, setRollback] = useState<RollbackState>({ status: 'idle' });
  const installRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('tls:install-step', ({ installId, phase, step }) => {
        if (installId !== installRef.current) return;
        if (phase === 'install') {
          setInstall((current) => (current.status === 'running' ? { ...current, steps: upsert(current.steps, step) } : current));
        } else {
          setRollback((current) => (current.status === 'running' ? { ...current, steps: upsert(current.steps, step) } : current));
        }
      }),
    [api],
  );

  const start = useCallback(
    async (form: WizardForm, certDir: string) => {
      const installId = newId('install');
      installRef.current = installId;
      setRollback({ status: 'idle' });
      setInstall({ status: 'running', installId, steps: [] });
      try {
        const result = await api.tls('tls:install', {
          installId,
          hostId: form.sshHostId,
          certDir,
          remoteDir: form.remoteDir.trim(),
          daemonJsonPath: form.daemonJsonPath.trim(),
          tcpHost: form.listenAddress.trim(),
          port: parsePort(form.port) ?? 2376,
          restartCommand: form.restartCommand.trim(),
          useSystemdDropIn: form.systemd,
          clientHost: form.address.trim(),
        });
        setInstall({ status: 'finished', installId, steps: result.steps, result });
      } catch (error) {
        setInstall({ status: 'failed', error: toApiError(error).toEnvelope() });
      }
    },
    [api],
  );

  /** Rolls the finished install back, restarting Docker with `restartCommand` (the field's current value). */
  const undo = useCallback(
    async (restartCommand?: string) => {
      if (install.status !== 'finished') return;
      const { installId } = install;
      setRollback({ status: 'running', steps: [] });
      try {
        const result = await api.tls('tls:rollback', { installId, ...(restartCommand ? { restartCommand } : {}) });
        setRollback({ status: 'finished', steps: result.steps, result });
      } catch (error) {
        setRollback({ status: 'failed', error: toApiError(error).toEnvelope() });
      }
    },
    [api, install],
  );

  return { install, rollback, start, undo, installSteps: tlsInstallStepList, rollbackSteps: tlsRollbackStepList };
}
