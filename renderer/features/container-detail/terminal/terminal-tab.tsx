import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useServices } from '../../../lib/services';
import { ErrorNotice } from '../../../components/error-notice';
import { type ShellChoice, commandFor } from './shell-command';
import { type ExecSessionOptions, startExecSession } from './xterm-session';

type SessionState = Parameters<ExecSessionOptions['onState']>[0];
interface Launch {
  command: string[];
  user: string;
  /** Bumped per Connect, so connecting again starts a fresh exec. */
  attempt: number;
}

/**
 * A shell in the container: pick sh, bash or a command and a user, connect. The exec lives as
 * long as this tab shows it; leaving the tab or the detail closes it (and its process).
 */
export function TerminalTab({ hostId, containerId, running }: { hostId: string; containerId: string; running: boolean }) {
  const { api } = useServices();
  const [choice, setChoice] = useState<ShellChoice>('sh');
  const [custom, setCustom] = useState('');
  const [user, setUser] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [launch, setLaunch] = useState<Launch | null>(null);
  const [state, setState] = useState<SessionState | null>(null);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!launch || !host.current) return;
    return startExecSession(api, host.current, {
      hostId,
      containerId,
      command: launch.command,
      ...(launch.user ? { user: launch.user } : {}),
      onState: setState,
    });
  }, [api, hostId, containerId, launch]);

  const connect = (event: FormEvent) => {
    event.preventDefault();
    const command = commandFor(choice, custom);
    if (!command.ok) {
      setFormError(command.error);
      return;
    }
    setFormError(null);
    setLaunch({ command: command.argv, user: user.trim(), attempt: (launch?.attempt ?? 0) + 1 });
  };
  const connected = state?.state === 'open' || state?.state === 'opening';

  if (!running) {
    return <p className="empty-inline">The container is not running: start it to open a shell inside.</p>;
  }
  return (
    <div className="terminal-tab">
      <form className="toolbar" onSubmit={connect} aria-label="Shell">
        <label className="inline-field">
          Shell
          <select className="select" aria-label="Shell" value={choice} onChange={(event) => setChoice(event.target.value as ShellChoice)}>
            <option value="sh">sh</option>
            <option value="bash">bash</option>
            <option value="custom">Custom command…</option>
          </select>
        </label>
        {choice === 'custom' ? (
          <input
            className="input"
            aria-label="Command"
            placeholder="/bin/ash -l"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
          />
        ) : null}
        <label className="inline-field">
          User
          <input
            className="input input--narrow"
            aria-label="User"
            placeholder="default"
            value={user}
            onChange={(event) => setUser(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--small button--primary">
          {launch ? 'Reconnect' : 'Connect'}
        </button>
        {launch && connected ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => {
              setLaunch(null);
              setState(null);
            }}
          >
            Disconnect
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="muted terminal-hint">Copy: Ctrl+Shift+C · Paste: Ctrl+Shift+V</span>
        {formError ? (
          <span className="field-error" role="alert">
            {formError}
          </span>
        ) : null}
      </form>
      <div className="stream-note" role="status" aria-live="polite">
        {state?.state === 'opening' ? `Starting ${launch?.command.join(' ')}…` : null}
        {state?.state === 'open' ? `Connected: ${launch?.command.join(' ')}${launch?.user ? ` as ${launch.user}` : ''}` : null}
        {state?.state === 'exited'
          ? `The process exited${state.exitCode === null ? '' : ` with code ${state.exitCode}`}. Connect to start another.`
          : null}
        {!launch ? 'Not connected. Pick a shell and connect.' : null}
      </div>
      {state?.state === 'failed' ? <ErrorNotice error={state.error} title="The terminal failed:" /> : null}
      {launch ? (
        <div
          key={launch.attempt}
          ref={host}
          className={`terminal-host${state?.state === 'failed' ? ' terminal-host--failed' : ''}`}
          data-testid="terminal"
        />
      ) : null}
    </div>
  );
}
