import { useId, useState } from 'react';
import type { HostView } from '../../../shared/host-view';
import { formatHostPort, isProduction } from '../../../shared/profile';
import { addressOf } from './wizard-state';

/** Whether an SSH host reaches the daemon being secured: it is that host, or it is at the daemon's address. */
export function reachesDaemon(ssh: HostView, daemonHostId: string, daemonAddress: string): boolean {
  return ssh.profile.id === daemonHostId || addressOf(ssh).toLowerCase() === daemonAddress.trim().toLowerCase();
}

/** The SSH hosts to offer: those that reach the daemon first, then the others (chosen only with a confirmation). */
export function installCandidates(hosts: readonly HostView[], daemonHostId: string, daemonAddress: string): HostView[] {
  const ssh = hosts.filter((host) => host.profile.transport.type === 'ssh');
  const matching = ssh.filter((host) => reachesDaemon(host, daemonHostId, daemonAddress));
  return [...matching, ...ssh.filter((host) => !matching.includes(host))];
}

/**
 * The confirmation an install over an SSH host at another address needs: ticked, or for a
 * production daemon or SSH host, the SSH host's name typed. Returns whether Install may run.
 */
export function useInstallConfirmation(target: HostView | undefined, mismatch: boolean, production: boolean) {
  const [confirmation, setConfirmation] = useState({ hostId: '', text: '', ticked: false });
  const current = target && confirmation.hostId === target.profile.id ? confirmation : { hostId: '', text: '', ticked: false };
  const needsTyping = production || (target ? isProduction(target.profile) : false);
  const confirmed = !mismatch || (target !== undefined && (needsTyping ? current.text.trim() === target.profile.name : current.ticked));
  const set = (change: Partial<typeof confirmation>) => {
    if (target) setConfirmation({ ...current, ...change, hostId: target.profile.id });
  };
  return { confirmed, needsTyping, text: current.text, ticked: current.ticked, set };
}

/** Says plainly that the chosen SSH host is not at the daemon's address, and asks to confirm before Install. */
export function MismatchWarning({
  target,
  daemonLabel,
  daemonAddress,
  confirmation,
}: {
  target: HostView;
  daemonLabel: string;
  daemonAddress: string;
  confirmation: ReturnType<typeof useInstallConfirmation>;
}) {
  const inputId = useId();
  const transport = target.profile.transport;
  const sshAddress = 'host' in transport ? formatHostPort(transport.host, transport.port) : target.profile.name;
  return (
    <div className="notice notice--warning" role="alert" aria-label="SSH host at another address">
      <div className="notice-title">{target.profile.name} is not at the daemon&apos;s address</div>
      <p className="notice-body">
        Berth would install on the machine behind <strong className="mono">{sshAddress}</strong>, but the daemon you are securing (
        {daemonLabel}) is at <strong className="mono">{daemonAddress}</strong>. If these are not the same machine, the other machine&apos;s
        Docker is reconfigured and restarted, and {daemonLabel} is left as it was.
      </p>
      {confirmation.needsTyping ? (
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Type {target.profile.name} to install there anyway (a production host is involved)
          </label>
          <input
            id={inputId}
            className="input mono"
            autoComplete="off"
            value={confirmation.text}
            onChange={(event) => confirmation.set({ text: event.target.value })}
          />
        </div>
      ) : (
        <label className="checkbox">
          <input type="checkbox" checked={confirmation.ticked} onChange={(event) => confirmation.set({ ticked: event.target.checked })} />{' '}
          {target.profile.name} is the machine that runs this daemon: install there anyway
        </label>
      )}
    </div>
  );
}
