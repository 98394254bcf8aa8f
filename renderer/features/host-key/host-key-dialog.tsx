import { useRef } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { formatHostPort, isProduction } from '../../../shared/profile';
import type { HostKeyPrompt } from '../../../shared/snapshot';
import { useServices } from '../../lib/services';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { ProductionBadge } from '../../components/production-badge';
import { useAction } from '../../lib/use-action';
import { Fingerprint } from './fingerprint';
import { hopLabel } from './hop-label';

/**
 * First contact with an SSH host: the operator compares the fingerprint with one obtained out
 * of band, then accepts it once (this session), always (saved to Berth's known_hosts), or rejects it.
 */
export function HostKeyDialog({ host, hostKey, onClose }: { host: HostView; hostKey: HostKeyPrompt; onClose: () => void }) {
  const { api } = useServices();
  const id = host.profile.id;
  const accept = useAction(async (persist: boolean) => {
    await api.acceptHostKey(id, persist);
    onClose();
  });
  const reject = useAction(async () => {
    await api.rejectHostKey(id);
    onClose();
  });
  return (
    <HostKeyReview
      name={host.profile.name}
      production={isProduction(host.profile)}
      hostKey={hostKey}
      pending={accept.pending || reject.pending}
      error={accept.error ?? reject.error}
      onAccept={(persist) => void accept.run(persist)}
      onReject={() => void reject.run()}
      onClose={onClose}
    />
  );
}

export interface HostKeyReviewProps {
  name: string;
  production: boolean;
  hostKey: HostKeyPrompt;
  pending?: boolean;
  error?: ErrorEnvelope | null;
  /** persist: false for this session (or this test), true to save it to Berth's known_hosts. */
  onAccept: (persist: boolean) => void;
  onReject: () => void;
  onClose: () => void;
  /** What "once" covers: this session for a saved host, the test for Test connection. */
  onceLabel?: string;
}

/** The host-key dialog itself, for a saved host (HostKeyDialog) and for Test connection in the host form. */
export function HostKeyReview({
  name,
  production,
  hostKey,
  pending = false,
  error = null,
  onAccept,
  onReject,
  onClose,
  onceLabel = 'Accept once',
}: HostKeyReviewProps) {
  // Focus starts on the title, not on a button: a stray Enter must not decide about a host key.
  const title = useRef<HTMLHeadingElement>(null);
  const hop = hopLabel(hostKey);
  return (
    <Dialog label="Host key confirmation" onClose={onClose} className="host-key-dialog" initialFocus={title}>
      <h2 ref={title} tabIndex={-1} className="dialog-title">
        Confirm the SSH host key of {name}
      </h2>
      {production ? (
        <p className="production-note">
          <ProductionBadge size="small" /> This is a production host: only accept a key you have verified.
        </p>
      ) : null}
      <p>
        Berth has never seen <strong className="mono">{formatHostPort(hostKey.host, hostKey.port)}</strong> before. Compare this fingerprint
        with the one the server&apos;s administrator gives you (on the server: <code>ssh-keygen -lf</code> on its host key) before you trust
        it.
      </p>
      {hop ? (
        <p className="host-key-hop">
          This key belongs to <strong>{hop}</strong> on the way to {name}, not to the Docker host itself. Berth checks every hop&apos;s key;
          a hop it has not seen yet is asked for next.
        </p>
      ) : null}
      <dl className="facts facts--compact">
        <div className="fact">
          <dt>{hop ? `Host (${hop})` : 'Host'}</dt>
          <dd className="mono">{formatHostPort(hostKey.host, hostKey.port)}</dd>
        </div>
        <div className="fact">
          <dt>Key type</dt>
          <dd className="mono">{hostKey.keyType}</dd>
        </div>
      </dl>
      <Fingerprint label="SHA256 fingerprint" value={hostKey.fingerprint} />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onReject} disabled={pending}>
          Reject
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => onAccept(false)} disabled={pending}>
          {onceLabel}
        </button>
        <button type="button" className="button button--primary" onClick={() => onAccept(true)} disabled={pending}>
          Accept always
        </button>
      </div>
    </Dialog>
  );
}
