import { type FormEvent, useId, useState } from 'react';
import type { TestConnectionResult } from '../../../shared/contract';
import type { HostKeyPrompt } from '../../../shared/snapshot';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { describeTransport } from '../../../shared/profile';
import type { DockerContextChoice } from '../../../shared/host-setup-contract';
import { DockerContextPicker } from './docker-context-picker';
import { useServices } from '../../lib/services';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { ProductionBadge } from '../../components/production-badge';
import { toApiError } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { HostKeyReview } from '../host-key';
import { EndpointPaste } from './endpoint-paste';
import {
  type FieldErrors,
  type HostForm,
  type TransportTab,
  applyParsedEndpoint,
  emptyForm,
  formFromProfile,
  hasProductionTag,
} from './form-state';
import { draftFromForm } from './form-draft';
import { IdentityFields } from './identity-fields';
import { RemoveHost } from './remove-host';
import { SshConfigImport, formFromSshConfigEntry } from './ssh-config-import';
import { TestConnectionOutcome } from './test-connection';
import { LocalFields, SshFields, TcpFields, TlsFields } from './transport-fields';
import { TransportTabs, panelId, tabId } from './transport-tabs';
import './host-form.css';

export interface HostFormDialogProps {
  /** The host to edit; undefined to add one. */
  host?: HostView | undefined;
  /** Prefills a new host (e.g. the detected local daemon). */
  initial?: Partial<HostForm>;
  onClose: () => void;
  /** Opens the TLS setup wizard for the address in the form (closing the form). */
  onSecureWithTls?: (address: string) => void;
}

const PANELS: Record<TransportTab, typeof LocalFields> = { local: LocalFields, tcp: TcpFields, tls: TlsFields, ssh: SshFields };

/** Add or edit a host: paste a URL or fill the transport's fields, test the connection, save. */
export function HostFormDialog({ host, initial, onClose, onSecureWithTls }: HostFormDialogProps) {
  const { api, store } = useServices();
  const [form, setForm] = useState<HostForm>(() => (host ? formFromProfile(host.profile) : { ...emptyForm(), ...initial }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [testResult, setTestResult] = useState<TestConnectionResult | null>(null);
  const [testError, setTestError] = useState<ErrorEnvelope | null>(null);
  const [testing, setTesting] = useState(false);
  /** An SSH host's unknown key that Test connection met: the operator decides before the test goes on. */
  const [testHostKey, setTestHostKey] = useState<HostKeyPrompt | null>(null);
  const idBase = useId();
  const title = host ? `Edit ${host.profile.name}` : 'Add host';

  const update = (next: HostForm) => {
    setForm(next);
    setTestResult(null);
    setTestError(null);
    if (Object.keys(errors).length > 0) setErrors({});
  };

  const validated = (forTest = false) => {
    // A test needs no name yet: the host part stands in until one is typed.
    const named = forTest && form.name.trim() === '' && form.host.trim() !== '' ? { ...form, name: form.host.trim() } : form;
    const result = draftFromForm(named);
    if (!result.ok) {
      setErrors(result.errors);
      return null;
    }
    setErrors({});
    return result.draft;
  };

  const test = async (acceptHostKey?: { fingerprint: string; persist: boolean }) => {
    const draft = validated(true);
    if (!draft) return;
    setTesting(true);
    setTestResult(null);
    setTestError(null);
    setTestHostKey(null);
    try {
      const outcome = await api.testConnection(draft, acceptHostKey);
      if ('hostKey' in outcome) setTestHostKey(outcome.hostKey);
      else setTestResult(outcome);
    } catch (error) {
      setTestError(toApiError(error).toEnvelope());
    } finally {
      setTesting(false);
    }
  };

  const save = useAction(async () => {
    const draft = validated();
    if (!draft) return;
    const view = await api.saveHost(draft);
    store.upsertHost(view);
    store.select(view.profile.id);
    onClose();
  });

  const remove = useAction(async () => {
    if (!host) return;
    await api.removeHost(host.profile.id);
    store.removeHost(host.profile.id);
    onClose();
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };

  // A docker context fills the form (TLS files as paths, SSH through the agent): name it, test, save.
  const chooseContext = (context: DockerContextChoice) => {
    if (!context.transport) return;
    const next = applyParsedEndpoint(form, { transport: context.transport });
    update({ ...next, name: form.name.trim() === '' ? context.name : form.name });
  };

  const Panel = PANELS[form.tab];
  const production = hasProductionTag(form);
  const errorCount = Object.keys(errors).length;

  return (
    <Dialog
      label={host ? 'Edit host' : 'Add host'}
      onClose={onClose}
      closeOnBackdrop={false}
      className={`host-form-dialog${production ? ' host-form-dialog--production' : ''}`}
    >
      <form className="host-form" aria-label="Host" onSubmit={onSubmit} noValidate>
        <header className="dialog-header">
          <h2 className="dialog-title">
            {title} {production ? <ProductionBadge size="small" /> : null}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          {host ? (
            <p className="endpoint-line" aria-label="Endpoint">
              Endpoint <span className="mono">{describeTransport(host.profile.transport)}</span>
            </p>
          ) : null}
          {form.isNew ? <DockerContextPicker onChoose={chooseContext} /> : null}
          <EndpointPaste
            autoFocus={form.isNew}
            onParsed={(parsed) => {
              setForm((current) => {
                const next = applyParsedEndpoint(current, parsed);
                // A pasted endpoint suggests a name from its host part, until one is typed.
                return current.name.trim() === '' && next.host.trim() !== '' ? { ...next, name: next.host.trim() } : next;
              });
              setTestResult(null);
              setTestError(null);
              setErrors({});
            }}
          />
          {host ? null : <SshConfigImport onPick={(entry) => update(formFromSshConfigEntry(form, entry))} />}
          <IdentityFields form={form} errors={errors} onChange={update} />
          <TransportTabs value={form.tab} onChange={(tab) => update({ ...form, tab })} idBase={idBase} />
          <div role="tabpanel" id={panelId(idBase)} aria-labelledby={tabId(idBase, form.tab)} className="tab-panel">
            <Panel form={form} errors={errors} onChange={update} />
          </div>
          {onSecureWithTls && (form.tab === 'tcp' || form.tab === 'tls') ? (
            <div className="secure-tls-hint">
              <span>
                {form.tab === 'tcp'
                  ? 'Switch this daemon to TLS instead: the wizard makes the certificates and can install them over SSH.'
                  : 'No certificates yet? The wizard makes a CA, a server and a client certificate and can install them over SSH.'}
              </span>
              <button type="button" className="button button--small" onClick={() => onSecureWithTls(form.host.trim())}>
                Secure with TLS…
              </button>
            </div>
          ) : null}
          {errorCount > 0 ? (
            <p className="field-error" role="alert">
              Check the {errorCount === 1 ? 'field' : `${errorCount} fields`} marked above.
            </p>
          ) : null}
          <TestConnectionOutcome pending={testing} result={testResult} error={testError} />
          {testHostKey ? (
            <HostKeyReview
              name={form.name.trim() || form.host.trim()}
              production={production}
              hostKey={testHostKey}
              onceLabel="Accept for this test"
              onAccept={(persist) => void test({ fingerprint: testHostKey.fingerprint, persist })}
              onReject={() => {
                setTestHostKey(null);
                setTestError({
                  code: 'SSH_HOST_KEY_UNKNOWN',
                  message: `You rejected the host key of ${testHostKey.host}. Verify its fingerprint with the server's administrator, then test again.`,
                });
              }}
              onClose={() => setTestHostKey(null)}
            />
          ) : null}
          {save.error ? <ErrorNotice error={save.error} title="Could not save:" /> : null}
        </div>
        <footer className="dialog-actions">
          {host ? (
            <RemoveHost
              name={host.profile.name}
              production={hasProductionTag(formFromProfile(host.profile))}
              pending={remove.pending}
              error={remove.error}
              onRemove={() => void remove.run()}
            />
          ) : null}
          <span className="spacer" />
          <button type="button" className="button" onClick={() => void test()} disabled={testing}>
            Test connection
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : host ? 'Save changes' : 'Add host'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
