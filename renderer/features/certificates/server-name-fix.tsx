import type { HostView } from '../../../shared/host-view';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';

/**
 * The DNS name to connect as when the server certificate does not name the address Berth uses:
 * the first plain DNS name of its subjectAltName, unless it is already the host's server name.
 */
export function suggestedServerName(host: HostView): string | undefined {
  const transport = host.profile.transport;
  if (transport.type !== 'tls') return undefined;
  const server = host.certificates?.entries.find((entry) => entry.role === 'server');
  if (!server || server.problems.length === 0) return undefined;
  const name = server.names?.find((each) => each.startsWith('DNS:') && !each.includes('*'))?.slice(4);
  return name !== undefined && name !== transport.serverName ? name : undefined;
}

/** One click to connect with the name the server certificate is for (the host's Server name field). */
export function ServerNameFix({ host }: { host: HostView }) {
  const { api, store } = useServices();
  const name = suggestedServerName(host);
  const apply = useAction(async (serverName: string) => {
    const { profile } = host;
    if (profile.transport.type !== 'tls') return;
    const view = await api.saveHost({ ...profile, transport: { ...profile.transport, serverName }, keepStoredSecrets: true });
    store.upsertHost(view);
  });
  if (name === undefined) return null;
  return (
    <div className="server-name-fix">
      <button type="button" className="button button--small button--primary" onClick={() => void apply.run(name)} disabled={apply.pending}>
        {apply.pending ? 'Saving…' : `Use server name ${name}`}
      </button>
      <span className="muted"> only if this is the daemon that certificate belongs to</span>
      {apply.error ? <ErrorNotice error={apply.error} title="Could not save the server name:" /> : null}
    </div>
  );
}
