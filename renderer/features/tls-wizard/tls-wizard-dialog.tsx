import { useMemo, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { isProduction } from '../../../shared/profile';
import { useServices, useStoreState } from '../../lib/services';
import { Dialog } from '../../components/dialog';
import { toApiError } from '../../lib/api';
import { ConfigureStep } from './step-configure';
import { DaemonStep } from './step-daemon';
import { GenerateStep } from './step-generate';
import { installCandidates } from './install-target';
import { InstallStep } from './step-install';
import { KeysStep } from './step-keys';
import { VerifyStep, type VerifyState } from './step-verify';
import { useGeneration, useInstall } from './use-wizard-jobs';
import {
  type TlsWizardLaunch,
  type WizardErrors,
  type WizardForm,
  generationKey,
  initialForm,
  parsePort,
  validateDaemon,
  validateInstall,
  validateKeys,
  validateVerify,
  wizardSteps,
} from './wizard-state';
import './tls-wizard.css';

export interface TlsWizardDialogProps {
  launch: TlsWizardLaunch;
  onClose: () => void;
}

/**
 * The TLS setup wizard: which daemon → keys → generate → configuration → install over SSH → verify
 * and save. Each step validates before Next; a running generation or install keeps the operator on
 * its step (cancel stops a generation). Private keys and the passphrase never come back here.
 */
export function TlsWizardDialog({ launch, onClose }: TlsWizardDialogProps) {
  const { api, store } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const [form, setForm] = useState<WizardForm>(() => initialForm(store.getState().hosts, launch));
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<WizardErrors>({});
  const generation = useGeneration();
  const installer = useInstall();
  const [verify, setVerify] = useState<VerifyState>({ status: 'idle' });
  const [savedId, setSavedId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorEnvelope | null>(null);
  const saved = useStoreState((state) => (savedId === null ? undefined : state.hosts.find((host) => host.profile.id === savedId)));

  const step = wizardSteps[stepIndex]!;
  // Every SSH host, those that reach the daemon's host first; only those are ever preselected.
  const sshHosts = useMemo(() => installCandidates(hosts, form.hostId, form.address), [hosts, form.hostId, form.address]);
  const launchedHost = hosts.find((host) => host.profile.id === form.hostId);
  const replaceable = form.target === 'existing' && launchedHost?.profile.transport.type === 'tcp' ? launchedHost : undefined;
  const generated = generation.state.status === 'done' ? generation.state.result : undefined;
  const upToDate = generation.state.status === 'done' && generation.state.key === generationKey(form);
  const busy = generation.state.status === 'running' || installer.install.status === 'running' || installer.rollback.status === 'running';

  const update = (next: WizardForm) => {
    setForm(next);
    if (Object.keys(errors).length > 0) setErrors({});
    if (verify.status !== 'idle' && (next.address !== form.address || next.port !== form.port || next.serverName !== form.serverName)) {
      setVerify({ status: 'idle' });
    }
  };

  const check = (validate: (form: WizardForm) => WizardErrors): boolean => {
    const found = validate(form);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const startGeneration = (overwrite: boolean) => {
    setVerify({ status: 'idle' });
    void generation.start(form, overwrite);
  };

  const next = () => {
    if (step.id === 'daemon' && !check(validateDaemon)) return;
    if (step.id === 'keys') {
      if (!check(validateKeys)) return;
      if (!upToDate && generation.state.status !== 'running') startGeneration(form.overwrite);
    }
    setErrors({});
    setStepIndex((index) => Math.min(index + 1, wizardSteps.length - 1));
  };

  const back = () => {
    setErrors({});
    setStepIndex((index) => Math.max(index - 1, 0));
  };

  const install = () => {
    if (!generated || !check(validateInstall)) return;
    void installer.start(form, generated.outDir);
  };

  const runVerify = async () => {
    if (!generated) return;
    const found = validateVerify({ ...form, hostName: form.hostName || 'x' });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setVerify({ status: 'running' });
    try {
      const result = await api.tls('tls:verify', {
        host: form.address.trim(),
        port: parsePort(form.port) ?? 2376,
        certDir: generated.outDir,
        ...(form.serverName.trim() !== '' ? { serverName: form.serverName.trim() } : {}),
      });
      setVerify({ status: 'done', result });
    } catch (error) {
      setVerify({ status: 'failed', error: toApiError(error).toEnvelope() });
    }
  };

  const save = async () => {
    if (!generated || !check(validateVerify)) return;
    setSaving(true);
    setSaveError(null);
    try {
      const view = await api.tls('tls:save-host', {
        ...(replaceable && form.replaceHost ? { hostId: replaceable.profile.id } : {}),
        name: form.hostName.trim(),
        host: form.address.trim(),
        port: parsePort(form.port) ?? 2376,
        certDir: generated.outDir,
        ...(form.serverName.trim() !== '' ? { serverName: form.serverName.trim() } : {}),
      });
      // Pushes (the new host list, its first statuses) arrive before the reply: keep the newer status.
      const pushed = store.getState().hosts.find((host) => host.profile.id === view.profile.id);
      store.upsertHost(pushed ? { ...view, status: pushed.status } : view);
      setSavedId(view.profile.id);
    } catch (error) {
      setSaveError(toApiError(error).toEnvelope());
    } finally {
      setSaving(false);
    }
  };

  const openSaved = () => {
    if (savedId) store.select(savedId);
    onClose();
  };

  const canNext =
    !busy && (step.id === 'generate' ? generated !== undefined : step.id === 'configure' ? generated !== undefined : step.id !== 'verify');
  const nextLabel =
    step.id === 'keys'
      ? upToDate
        ? 'Next'
        : 'Generate'
      : step.id === 'install' && !(installer.install.status === 'finished' && installer.install.result.outcome === 'installed')
        ? 'Skip to verify'
        : 'Next';

  return (
    <Dialog label="TLS setup wizard" onClose={busy ? () => undefined : onClose} closeOnBackdrop={false} className="tls-wizard">
      <header className="dialog-header tls-wizard-header">
        <div>
          <h2 className="dialog-title">Secure a Docker daemon with TLS</h2>
          <p className="muted small">
            Step {stepIndex + 1} of {wizardSteps.length}: {step.title}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose} disabled={busy}>
          ×
        </button>
      </header>
      <div className="tls-wizard-main">
        <ol className="wizard-steps" aria-label="Wizard steps">
          {wizardSteps.map((item, index) => (
            <li
              key={item.id}
              className={`wizard-step${index === stepIndex ? ' wizard-step--current' : index < stepIndex ? ' wizard-step--done' : ''}`}
              aria-current={index === stepIndex ? 'step' : undefined}
            >
              <span className="wizard-step-number" aria-hidden="true">
                {index < stepIndex ? '✓' : index + 1}
              </span>
              <span className="wizard-step-title">{item.title}</span>
            </li>
          ))}
        </ol>
        <section className="tls-wizard-body" aria-label={step.title}>
          <h3 className="wizard-step-heading">{step.title}</h3>
          {step.id === 'daemon' ? <DaemonStep form={form} errors={errors} onChange={update} hosts={hosts} /> : null}
          {step.id === 'keys' ? <KeysStep form={form} errors={errors} onChange={update} /> : null}
          {step.id === 'generate' ? (
            <GenerateStep form={form} state={generation.state} onGenerate={startGeneration} onCancel={() => void generation.cancel()} />
          ) : null}
          {step.id === 'configure' && generated ? <ConfigureStep form={form} generated={generated} /> : null}
          {step.id === 'install' ? (
            <InstallStep
              form={form}
              errors={errors}
              onChange={update}
              sshHosts={sshHosts}
              daemonLabel={launchedHost?.profile.name ?? form.address}
              production={launchedHost ? isProduction(launchedHost.profile) : false}
              install={installer.install}
              rollback={installer.rollback}
              plannedInstall={installer.installSteps}
              plannedRollback={installer.rollbackSteps}
              onInstall={install}
              onRollback={() => void installer.undo(form.restartCommand.trim())}
            />
          ) : null}
          {step.id === 'verify' ? (
            <VerifyStep
              form={form}
              errors={errors}
              onChange={update}
              verify={verify}
              onVerify={() => void runVerify()}
              replaceable={replaceable}
              saved={saved}
              saving={saving}
              saveError={saveError}
              onSave={() => void save()}
            />
          ) : null}
        </section>
      </div>
      <footer className="dialog-actions tls-wizard-footer">
        <button type="button" className="button button--ghost" onClick={onClose} disabled={busy}>
          {saved ? 'Close' : 'Cancel'}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={back} disabled={stepIndex === 0 || busy}>
          Back
        </button>
        {step.id === 'verify' ? (
          <button type="button" className="button button--primary" onClick={openSaved} disabled={!saved}>
            Open dashboard
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={next} disabled={!canNext}>
            {nextLabel}
          </button>
        )}
      </footer>
    </Dialog>
  );
}
