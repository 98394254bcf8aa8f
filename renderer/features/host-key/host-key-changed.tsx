import type { ErrorEnvelope } from '../../../shared/errors';
import { formatHostPort } from '../../../shared/profile';
import type { HostKeyPrompt } from '../../../shared/snapshot';
import { Fingerprint } from './fingerprint';
import { hopLabel } from './hop-label';

/**
 * A host whose SSH key differs from the one on record: possibly a man-in-the-middle. Shown as
 * an alarm with both fingerprints and how to resolve it; there is deliberately no way to
 * accept the new key from here.
 */
export function HostKeyChanged({ hostKey, error, headingId }: { hostKey: HostKeyPrompt; error: ErrorEnvelope; headingId?: string }) {
  const hop = hopLabel(hostKey);
  const host = hostKey.host ? formatHostPort(hostKey.host, hostKey.port) : 'this host';
  const address = hop ? `${host} (${hop})` : host;
  const revoked = hostKey.changed && hostKey.knownFingerprint === undefined;
  const otherType = Boolean(hostKey.knownKeyType && hostKey.keyType && hostKey.knownKeyType !== hostKey.keyType);
  return (
    <div className="host-key-changed">
      <h2 id={headingId} className="host-key-changed-title">
        {revoked ? 'Revoked host key — possible attack' : 'Host key changed — possible attack'}
      </h2>
      <p>
        <strong className="mono">{address}</strong> presented a different SSH host key than the one Berth has on record. Someone may be
        intercepting the connection (a man-in-the-middle attack), or the server was reinstalled. Berth did not connect and will not send
        anything to this host.
      </p>
      {otherType ? (
        <p className="host-key-other-type">
          Berth has a <strong className="mono">{hostKey.knownKeyType}</strong> key on record for this host, and it now offers only a{' '}
          <strong className="mono">{hostKey.keyType}</strong> key. A key of another type is a changed key, not a new host: treat it the same
          way.
        </p>
      ) : null}
      <div className="fingerprints">
        {hostKey.knownFingerprint ? (
          <Fingerprint label={`Fingerprint on record${typeOf(hostKey.knownKeyType)}`} value={hostKey.knownFingerprint} />
        ) : null}
        <Fingerprint label={`Fingerprint presented now${typeOf(hostKey.keyType)}`} value={hostKey.fingerprint} />
      </div>
      <h3 className="host-key-changed-subtitle">How to fix</h3>
      <ol className="fix-steps">
        <li>Do not connect until you know why the key changed. Ask the server&apos;s administrator.</li>
        <li>
          Have them read the current fingerprint on the server itself (<code>ssh-keygen -lf {hostKeyFile(hostKey.keyType)}</code>) over a
          channel you trust, and compare it with the one presented now.
        </li>
        <li>
          Only if the change is expected: remove the old entry as the message below says (for a user-wide entry,{' '}
          <code>ssh-keygen -R {hostKey.port && hostKey.port !== 22 ? `'[${hostKey.host}]:${hostKey.port}'` : hostKey.host || 'HOST'}</code>
          ), then retry and review the new key.
        </li>
      </ol>
      <details className="raw-message">
        <summary>
          Message from Berth <code>{error.code}</code>
        </summary>
        <p>{error.message}</p>
      </details>
    </div>
  );
}

const typeOf = (keyType: string | undefined) => (keyType ? ` (${keyType})` : '');

/** The server's public host key file of a key type, where OpenSSH keeps it. */
function hostKeyFile(keyType: string): string {
  const name = keyType === 'ssh-rsa' ? 'rsa' : keyType.startsWith('ecdsa-') ? 'ecdsa' : 'ed25519';
  return `/etc/ssh/ssh_host_${name}_key.pub`;
}
