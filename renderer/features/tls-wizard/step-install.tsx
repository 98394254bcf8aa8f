import { type RefObject, useEffect, useId, useRef } from 'react';
import type { HostView } from '../../../shared/host-view';
import { formatHostPort } from '../../../shared/profile';
import type { TlsStepReport } from '../../../shared/tls-contract';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/text-field';
import { DaemonAnswer } from './daemon-answer';
import { MismatchWarning, reachesDaemon, useInstallConfirmation } from './install-target';
import type { StepProps } from './step-daemon';
import { type InstallState, type RollbackState, mergeSteps } from './use-wizard-jobs';

type ShownStep = TlsStepReport | { id: string; title: string; state: 'pending'; output: '' };

const stateLabels: Record<ShownStep['state'], string> = {
  pending: 'Waiting',
  running: 'Running',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};

/** Scrolls the element into view whenever `key` changes (a live log that follows its newest line). */
function useReveal(ref: RefObject<HTMLElement | null>, key: string | undefined, block: ScrollLogicalPosition = 'nearest') {
  useEffect(() => {
    if (key !== undefined) ref.current?.scrollIntoView?.({ block, behavior: 'smooth' });
  }, [ref, key, block]);
}

export function StepList({ label, steps }: { label: string; steps: ShownStep[] }) {
  const list = useRef<HTMLOListElement>(null);
  const active = useRef<HTMLElement | null>(null);
  const last = [...steps].reverse().find((step) => step.state !== 'pending');
  useEffect(() => {
    active.current = list.current?.querySelector<HTMLElement>(`[data-step="${last?.id ?? ''}"]`) ?? null;
  });
  useReveal(active, last ? `${last.id}:${last.state}:${last.output.length}` : undefined);
  return (
    <ol ref={list} className="install-steps" aria-label={label}>
      {steps.map((step) => (
        <li
          key={step.id}
          data-step={step.id}
          className={`install-step install-step--${step.state}`}
          aria-label={`${step.title}: ${stateLabels[step.state]}`}
        >
          <div className="install-step-head">
            <span className="install-step-mark" aria-hidden="true">
              {step.state === 'running' ? (
                <span className="install-step-dot" />
              ) : step.state === 'done' ? (
                '✓'
              ) : step.state === 'failed' ? (
                '✕'
              ) : step.state === 'skipped' ? (
                '–'
              ) : (
                '○'
              )}
            </span>
            <span className="install-step-title">{step.title}</span>
            <span className={`install-step-state install-step-state--${step.state}`}>{stateLabels[step.state]}</span>
          </div>
          {step.output !== '' ? <pre className="install-step-output">{step.output.replace(/\n$/, '')}</pre> : null}
          {'error' in step && step.error ? (
            <p className="install-step-error">
              <code className="error-code">{step.error.code}</code> {step.error.message}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Step 5: copy the files and switch dockerd to TLS over the host's SSH connection, every step shown live. */
export function InstallStep({
  form,
  errors,
  onChange,
  sshHosts,
  install,
  rollback,
  plannedInstall,
  plannedRollback,
  onInstall,
  onRollback,
  daemonLabel,
  production,
}: StepProps & {
  /** Every SSH host, those that reach the daemon first (installCandidates). */
  sshHosts: readonly HostView[];
  /** The daemon's host is marked production: installing elsewhere needs its name typed. */
  production: boolean;
  /** The daemon's host as the operator knows it, for the "no SSH profile" note. */
  daemonLabel: string;
  install: InstallState;
  rollback: RollbackState;
  plannedInstall: readonly { id: string; title: string }[];
  plannedRollback: readonly { id: string; title: string }[];
  onInstall: () => void;
  onRollback: () => void;
}) {
  const selectId = useId();
  const systemdId = useId();
  const running = install.status === 'running' || rollback.status === 'running';
  const outcome = useRef<HTMLDivElement>(null);
  useReveal(outcome, install.status === 'finished' ? install.installId : undefined, 'start');
  const target = sshHosts.find((host) => host.profile.id === form.sshHostId);
  const mismatch = target !== undefined && !reachesDaemon(target, form.hostId, form.address);
  const confirmation = useInstallConfirmation(target, mismatch, production);
  if (sshHosts.length === 0) {
    return (
      <div className="wizard-step-body">
        <div className="notice notice--warning" role="status">
          <div className="notice-title">No SSH connection to install over</div>
          <p className="notice-body">
            {daemonLabel} has no SSH profile in Berth, so Berth cannot install the certificates on it. Copy the files and apply the
            configuration of the previous step by hand (or add the host over SSH and open the wizard again), then go on to verify.
          </p>
        </div>
      </div>
    );
  }
  const result = install.status === 'finished' ? install.result : undefined;
  const targetAddress =
    target && 'host' in target.profile.transport ? formatHostPort(target.profile.transport.host, target.profile.transport.port) : '';
  return (
    <div className="wizard-step-body">
      <p className="wizard-lead">
        Berth connects over SSH, uploads ca.pem, server-cert.pem and server-key.pem (never ca-key.pem), merges daemon.json (keeping a
        backup), restarts Docker and waits until it answers over TLS. Nothing changes before the check of the first step passes.
      </p>
      <fieldset className="fieldset" disabled={running}>
        <div className="field-row">
          <div className="field grow">
            <label className="field-label" htmlFor={selectId}>
              SSH connection
            </label>
            <select
              id={selectId}
              className="select"
              value={form.sshHostId}
              aria-invalid={errors.sshHostId ? true : undefined}
              onChange={(event) => onChange({ ...form, sshHostId: event.target.value })}
            >
              {form.sshHostId === '' ? <option value="">Choose an SSH host…</option> : null}
              {sshHosts.map((host) => (
                <option key={host.profile.id} value={host.profile.id}>
                  {host.profile.name}
                  {reachesDaemon(host, form.hostId, form.address) ? '' : ` (at ${formatAddress(host)}, not ${form.address.trim()})`}
                </option>
              ))}
            </select>
            {errors.sshHostId ? (
              <p className="field-error">{errors.sshHostId}</p>
            ) : targetAddress ? (
              <p className="field-hint mono">{targetAddress}</p>
            ) : null}
          </div>
          <div className="field">
            <label className="field-label" htmlFor={systemdId}>
              systemd drop-in
            </label>
            <select
              id={systemdId}
              className="select"
              value={form.systemd}
              onChange={(event) => onChange({ ...form, systemd: event.target.value as typeof form.systemd })}
            >
              <option value="auto">When the host runs systemd</option>
              <option value="yes">Always</option>
              <option value="no">Never</option>
            </select>
          </div>
        </div>
        <div className="field-row">
          <TextField
            className="grow"
            label="Certificate directory on the host"
            value={form.remoteDir}
            onChange={(remoteDir) => onChange({ ...form, remoteDir })}
            error={errors.remoteDir}
            mono
          />
          <TextField
            className="grow"
            label="daemon.json path"
            value={form.daemonJsonPath}
            onChange={(daemonJsonPath) => onChange({ ...form, daemonJsonPath })}
            error={errors.daemonJsonPath}
            mono
          />
        </div>
        <div className="field-row">
          <TextField
            className="grow"
            label="Restart command"
            value={form.restartCommand}
            onChange={(restartCommand) => onChange({ ...form, restartCommand })}
            error={errors.restartCommand}
            hint="Run over SSH as the connection's user (prefix sudo -n if it needs root)."
            mono
          />
          <TextField
            className="listen"
            label="Listen address"
            value={form.listenAddress}
            onChange={(listenAddress) => onChange({ ...form, listenAddress })}
            error={errors.listenAddress}
            hint="0.0.0.0: every interface."
            mono
          />
        </div>
      </fieldset>
      {mismatch && target ? (
        <MismatchWarning target={target} daemonLabel={daemonLabel} daemonAddress={form.address.trim()} confirmation={confirmation} />
      ) : null}
      <div className="wizard-inline-actions">
        <button
          type="button"
          className={`button${result?.outcome === 'installed' ? '' : ' button--primary'}`}
          onClick={onInstall}
          disabled={running || !confirmation.confirmed}
        >
          {install.status === 'idle' ? 'Install' : 'Install again'}
        </button>
        {install.status === 'running' ? (
          <span className="muted" role="status">
            Installing on {target?.profile.name ?? 'the host'}…
          </span>
        ) : null}
      </div>
      {install.status === 'failed' ? <ErrorNotice error={install.error} title="The install could not start:" /> : null}
      {install.status === 'running' || install.status === 'finished' ? (
        <StepList label="Install steps" steps={mergeSteps(plannedInstall, install.steps)} />
      ) : null}
      <div ref={outcome} className="install-outcome">
        {result?.outcome === 'installed' ? (
          <DaemonAnswer
            label="Install result"
            title={
              result.daemon ? `Installed: Docker ${result.daemon.serverVersion} answers over TLS` : 'Installed: Docker answers over TLS'
            }
            daemon={result.daemon}
          >
            <p className="notice-body">Verify and save the host in the next step.</p>
          </DaemonAnswer>
        ) : null}
        {result && result.outcome !== 'installed' ? (
          <ErrorNotice
            error={result.error ?? { code: 'TLS_INSTALL_CANCELLED', message: 'The install stopped.' }}
            title="The install failed:"
          >
            {result.canRollback ? (
              <>
                <p className="notice-body">{result.rollbackInstructions.summary}</p>
                {result.rollbackInstructions.commands.length > 0 ? (
                  <pre className="install-step-output">{result.rollbackInstructions.commands.join('\n')}</pre>
                ) : null}
                <div className="notice-actions">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={onRollback}
                    disabled={running || (rollback.status === 'finished' && rollback.result.outcome === 'rolled-back')}
                  >
                    {rollback.status === 'finished' ? 'Roll back again' : 'Roll back'}
                  </button>
                  <span className="muted small">Restarts Docker with the restart command above.</span>
                </div>
              </>
            ) : (
              <p className="notice-body">Nothing was changed on the host. Fix the problem above and install again.</p>
            )}
          </ErrorNotice>
        ) : null}
      </div>
      {rollback.status !== 'idle' ? (
        <div className="rollback">
          <h3 className="wizard-subtitle">Roll back</h3>
          {rollback.status === 'failed' ? (
            <ErrorNotice error={rollback.error} title="The rollback could not start:" />
          ) : (
            <StepList label="Rollback steps" steps={mergeSteps(plannedRollback, rollback.steps)} />
          )}
          {rollback.status === 'finished' ? (
            rollback.result.outcome === 'rolled-back' ? (
              <p className="notice notice--ok" role="status">
                The host is back to its previous Docker configuration.
              </p>
            ) : (
              <ErrorNotice
                error={rollback.result.error ?? { code: 'INTERNAL', message: 'The rollback stopped.' }}
                title="The rollback failed:"
              />
            )
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function formatAddress(host: HostView): string {
  const transport = host.profile.transport;
  return 'host' in transport ? transport.host : host.profile.name;
}
