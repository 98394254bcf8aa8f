import { useEffect, useId, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import { type TlsConfiguration, type TlsGenerateResult, tlsDefaults } from '../../../shared/tls-contract';
import { useServices } from '../../lib/services';
import { ErrorNotice } from '../../components/error-notice';
import { Spinner } from '../../components/spinner';
import { toApiError } from '../../lib/api';
import { checkAddresses } from './address-validation';
import { CodeBlock } from './code-block';
import { type WizardForm, namesOf, parsePort } from './wizard-state';

/** Step 4: how to configure the daemon (pick one way) and the client, each ready to copy. */
export function ConfigureStep({ form, generated }: { form: WizardForm; generated: TlsGenerateResult }) {
  const { api } = useServices();
  const [showOpenssl, setShowOpenssl] = useState(false);
  const [configuration, setConfiguration] = useState<TlsConfiguration | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const switchId = useId();
  const port = parsePort(form.port) ?? tlsDefaults.port;

  useEffect(() => {
    let live = true;
    const sans = checkAddresses(namesOf(form));
    api
      .tls('tls:configuration', {
        certDir: generated.outDir,
        host: form.address.trim(),
        port,
        remoteDir: form.remoteDir.trim().startsWith('/') ? form.remoteDir.trim() : tlsDefaults.remoteDir,
        ...(showOpenssl && sans.ok
          ? {
              openssl: {
                sans: sans.sans,
                includeLoopback: form.includeLoopback,
                keyType: form.keyType,
                validityDays: Number(form.validityDays),
                encryptCaKey: form.caPassphrase !== '',
              },
            }
          : {}),
      })
      .then((value) => live && (setConfiguration(value), setError(null)))
      .catch((failure: unknown) => live && setError(toApiError(failure).toEnvelope()));
    return () => {
      live = false;
    };
    // The step shows one generation's configuration; re-read when the openssl toggle changes.
  }, [api, generated.outDir, showOpenssl]);

  if (error) return <ErrorNotice error={error} title="Could not write the configuration:" />;
  if (!configuration) {
    return (
      <p className="wizard-lead">
        <Spinner label="Loading the configuration" /> Writing the configuration…
      </p>
    );
  }
  const { daemon, client } = configuration;
  return (
    <div className="wizard-step-body">
      <p className="wizard-lead">
        On the daemon&apos;s host, copy <span className="mono">ca.pem</span>, <span className="mono">server-cert.pem</span> and{' '}
        <span className="mono">server-key.pem</span> to <span className="mono">{form.remoteDir}</span>, then configure dockerd in{' '}
        <strong>one</strong> of these ways — never two: dockerd refuses options set twice. Install over SSH (next step) does this for you.
      </p>
      <h3 className="wizard-subtitle">The daemon</h3>
      <CodeBlock title="daemon.json" hint={daemon.daemonJsonPath} code={daemon.daemonJsonText} />
      <CodeBlock title="systemd drop-in" hint={daemon.systemdDropInPath} code={daemon.systemdDropIn} />
      <p className="field-hint">
        With <span className="mono">hosts</span> in daemon.json, the stock unit&apos;s <span className="mono">-H fd://</span> must go; then
        run <span className="mono">{daemon.applyCommands.join(' && ')}</span>.
      </p>
      <CodeBlock title="DOCKER_OPTS line" hint="/etc/default/docker (older Ubuntu)" code={daemon.dockerOptsLine} />
      <CodeBlock title="dockerd command line" hint="to try it by hand" code={daemon.dockerdCommand} />
      <h3 className="wizard-subtitle">Your machine</h3>
      <CodeBlock title="Client environment" code={client.environment} />
      <CodeBlock title="docker command" code={client.dockerCommand} />
      <CodeBlock title="curl command" code={client.curlCommand} />
      <div className="switch-row">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={showOpenssl}
          onChange={(event) => setShowOpenssl(event.target.checked)}
        />
        <label htmlFor={switchId}>Show openssl commands</label>
        <span className="muted small">The same set made by hand, for reference: Berth itself needs no openssl.</span>
      </div>
      {showOpenssl ? (
        configuration.openssl ? (
          <CodeBlock title="openssl commands" hint="run in an empty directory" code={configuration.openssl.script} />
        ) : (
          <p className="muted">
            <Spinner label="Loading the openssl commands" /> Writing the openssl commands…
          </p>
        )
      ) : null}
    </div>
  );
}
