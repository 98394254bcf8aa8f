import type { TlsCertificateSummary } from '../../../shared/tls-contract';
import { tlsGenerationSteps, tlsKeyTypeLabels } from '../../../shared/tls-contract';
import { ErrorNotice } from '../../components/error-notice';
import type { GenerationState } from './use-wizard-jobs';
import type { WizardForm } from './wizard-state';

function CertificateCard({ title, certificate }: { title: string; certificate: TlsCertificateSummary }) {
  return (
    <div className="cert-card">
      <div className="cert-card-title">{title}</div>
      <dl className="cert-facts">
        <dt>Subject</dt>
        <dd className="mono">{certificate.subject}</dd>
        <dt>Valid until</dt>
        <dd>
          {certificate.notAfter.slice(0, 10)} <span className="muted">({certificate.daysLeft} days)</span>
        </dd>
        <dt>Key</dt>
        <dd>
          {certificate.publicKey.label}
          {certificate.extendedKeyUsages.length > 0 ? <span className="muted"> · {certificate.extendedKeyUsages.join(', ')}</span> : null}
        </dd>
        {certificate.sans.length > 0 ? (
          <>
            <dt>Names</dt>
            <dd className="mono">{certificate.sans.map((san) => `${san.type === 'ip' ? 'IP' : 'DNS'}:${san.value}`).join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Step 3: the generation running in the main process's worker, its progress, and what it made. */
export function GenerateStep({
  form,
  state,
  onGenerate,
  onCancel,
}: {
  form: WizardForm;
  state: GenerationState;
  onGenerate: (overwrite: boolean) => void;
  onCancel: () => void;
}) {
  const running = state.status === 'running';
  const completed = state.status === 'running' ? state.completed : state.status === 'done' ? tlsGenerationSteps.length : 0;
  const percent = Math.round((completed / tlsGenerationSteps.length) * 100);
  const current = state.status === 'running' ? tlsGenerationSteps.find((step) => step.id === state.step) : undefined;
  return (
    <div className="wizard-step-body">
      <p className="wizard-lead">
        {tlsKeyTypeLabels[form.keyType]} keys, valid {form.validityDays} days, written to <span className="mono">{form.outDir}</span>
        {form.caPassphrase !== '' ? ', the CA key encrypted with your passphrase' : ''}. The keys are made in a background worker: the
        window stays responsive, and Cancel stops it at once.
      </p>
      {state.status !== 'idle' ? (
        <div className="generation">
          <div
            className={`progress${state.status === 'done' ? ' progress--done' : ''}`}
            role="progressbar"
            aria-label="Generating certificates"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={state.status === 'done' ? 'Done' : current ? `${current.title} (${percent}%)` : `${percent}%`}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <ol className="generation-steps" aria-label="Generation steps">
            {tlsGenerationSteps.map((step, index) => {
              const stepState = index < completed ? 'done' : running && current?.id === step.id ? 'running' : 'pending';
              return (
                <li key={step.id} className={`generation-step generation-step--${stepState}`}>
                  <span className="generation-step-mark" aria-hidden="true">
                    {stepState === 'done' ? '✓' : stepState === 'running' ? '•' : ''}
                  </span>
                  {step.title}
                  <span className="visually-hidden"> ({stepState})</span>
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
      <div className="wizard-inline-actions">
        {running ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel generation
          </button>
        ) : (
          <button
            type="button"
            className={`button${state.status === 'done' ? '' : ' button--primary'}`}
            onClick={() => onGenerate(form.overwrite)}
          >
            {state.status === 'done' ? 'Generate again' : 'Generate certificates'}
          </button>
        )}
        {running ? (
          <span className="muted" role="status">
            Generating… {percent}%
          </span>
        ) : null}
      </div>
      {state.status === 'cancelled' ? (
        <p className="notice" role="status">
          Generation cancelled; nothing was written.
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <ErrorNotice error={state.error} title="Could not generate the certificates:">
          {state.error.code === 'TLS_FILES_EXIST' ? (
            <div className="notice-actions">
              <button type="button" className="button button--small button--danger" onClick={() => onGenerate(true)}>
                Replace the existing files
              </button>
            </div>
          ) : null}
        </ErrorNotice>
      ) : null}
      {state.status === 'done' ? (
        <div className="notice notice--ok" role="status" aria-label="Generated certificates">
          <div className="notice-title">Six files written to {state.result.outDir}</div>
          <p className="notice-body">
            Each is readable by you only (0400). ca-key.pem{state.result.caKeyEncrypted ? ' is encrypted and' : ''} stays on this machine:
            it is what signs new certificates.
          </p>
          <div className="cert-cards">
            <CertificateCard title="CA" certificate={state.result.certificates.ca} />
            <CertificateCard title="Server (daemon)" certificate={state.result.certificates.server} />
            <CertificateCard title="Client" certificate={state.result.certificates.client} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
