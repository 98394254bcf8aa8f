import { useEffect, useState } from 'react';
import type { LocalDaemon } from '../../../shared/contract';
import { useServices } from '../../lib/services';
import { EmptyState } from '../../components/empty-state';
import { Spinner } from '../../components/spinner';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { DockerContextRows, type HostForm, applyParsedEndpoint, emptyForm, useDockerContexts } from '../host-form';
import type { DockerContextChoice } from '../../../shared/host-setup-contract';
import './first-start.css';

/**
 * No hosts yet: offer the local daemon when one answers (DOCKER_HOST or the default socket),
 * otherwise an empty state that leads to "Add host".
 */
export function FirstStart({ onAddHost }: { onAddHost: (initial?: Partial<HostForm>) => void }) {
  const { api, store } = useServices();
  const [local, setLocal] = useState<LocalDaemon | null | 'detecting'>('detecting');
  useEffect(() => {
    let live = true;
    api
      .detectLocal()
      .then((daemon) => live && setLocal(daemon))
      .catch(() => live && setLocal(null));
    return () => {
      live = false;
    };
  }, [api]);

  const addLocal = useAction(async (daemon: LocalDaemon) => {
    const parsed = daemon.transport ? { transport: daemon.transport } : await api.parseEndpoint(daemon.endpoint);
    const form = applyParsedEndpoint({ ...emptyForm(), name: 'local' }, parsed);
    if (form.tab !== 'local') {
      // tcp / TLS / SSH from DOCKER_HOST: let the operator review it (certificates, keys) first.
      onAddHost(form);
      return;
    }
    const transport = form.socketPath.startsWith('//./pipe/')
      ? ({ type: 'npipe', pipePath: form.socketPath } as const)
      : ({ type: 'unix', socketPath: form.socketPath } as const);
    const view = await api.saveHost({ id: form.id, name: 'local', tags: [], transport, keepStoredSecrets: false });
    store.upsertHost(view);
    store.select(view.profile.id);
  });

  const contexts = useDockerContexts();
  const addContext = useAction(async (context: DockerContextChoice) => {
    const view = await api.invoke('contexts:import', { name: context.name });
    store.upsertHost(view);
    store.select(view.profile.id);
  });
  const [adding, setAdding] = useState<string | null>(null);
  const contextList = contexts.list && contexts.list.contexts.length > 0 ? contexts.list : null;

  if (local === 'detecting') {
    return (
      <EmptyState title="Welcome to Berth">
        <p>
          <Spinner label="Looking for a local Docker daemon" /> Looking for a Docker daemon on this machine…
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="Welcome to Berth"
      actions={
        <>
          {local ? (
            <button type="button" className="button button--primary" onClick={() => void addLocal.run(local)} disabled={addLocal.pending}>
              {addLocal.pending ? 'Adding…' : 'Add local daemon'}
            </button>
          ) : null}
          <button type="button" className={`button${local ? '' : ' button--primary'}`} onClick={() => onAddHost()}>
            Add host
          </button>
        </>
      }
    >
      {local ? (
        <div className="local-daemon" aria-label="Local daemon found" role="group">
          <p>A Docker daemon answers on this machine:</p>
          <p className="local-daemon-card">
            <span className="mono">{local.endpoint}</span>
            <span className="muted"> · Docker Engine </span>
            <span className="mono">{local.serverVersion}</span>
          </p>
        </div>
      ) : (
        <p>
          No hosts yet, and no Docker daemon answers on this machine. Add a host by its address (tcp, TLS or SSH), or paste its docker
          endpoint URL.
        </p>
      )}
      {addLocal.error ? <ErrorNotice error={addLocal.error} title="Could not add the local daemon:" /> : null}
      {contextList ? (
        <section className="first-start-contexts" aria-label="Docker contexts">
          <p>
            Your docker CLI knows {contextList.contexts.length === 1 ? 'this context' : `these ${contextList.contexts.length} contexts`} (
            <span className="mono">{contextList.configDir}</span>):
          </p>
          <DockerContextRows
            contexts={contextList.contexts}
            actionLabel="Add"
            pending={adding}
            onChoose={(context) => {
              setAdding(context.name);
              void addContext.run(context).finally(() => setAdding(null));
            }}
          />
        </section>
      ) : null}
      {addContext.error ? <ErrorNotice error={addContext.error} title="Could not add the docker context:" /> : null}
    </EmptyState>
  );
}
