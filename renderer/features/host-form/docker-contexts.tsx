import { useEffect, useState } from 'react';
import './host-form.css';
import './docker-contexts.css';
import type { ContextTls, DockerContextChoice, DockerContextList } from '../../../shared/host-setup-contract';
import type { ErrorEnvelope } from '../../../shared/errors';
import { toApiError } from '../../lib/api';
import { useServices } from '../../lib/services';

/** The docker CLI's contexts (contexts:list), loaded once per mount. */
export function useDockerContexts(): { list: DockerContextList | null; error: ErrorEnvelope | null } {
  const { api } = useServices();
  const [list, setList] = useState<DockerContextList | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  useEffect(() => {
    let live = true;
    api
      .invoke('contexts:list', {})
      .then((result) => live && setList(result))
      .catch((failure: unknown) => live && setError(toApiError(failure).toEnvelope()));
    return () => {
      live = false;
    };
  }, [api]);
  return { list, error };
}

const tlsLabels: Record<ContextTls, string> = {
  verified: 'TLS, verified',
  none: 'no TLS',
  ssh: 'SSH',
  'skip-verify': 'SkipTLSVerify',
};

/**
 * The contexts as rows: name (the current one marked), endpoint, how it is secured, and the
 * action — or, for a context Berth refuses (SkipTLSVerify, a named pipe off Windows, missing TLS
 * files), the reason instead of a button. A refused context is never quietly connected.
 */
export function DockerContextRows({
  contexts,
  actionLabel,
  onChoose,
  pending,
}: {
  contexts: DockerContextChoice[];
  actionLabel: string;
  onChoose: (context: DockerContextChoice) => void;
  /** The context being acted on, if any. */
  pending?: string | null;
}) {
  // The current context first, then the usable ones, the refused ones last; by name within each.
  const rank = (context: DockerContextChoice) => (context.current ? 0 : context.refusal ? 2 : 1);
  const ordered = [...contexts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return (
    <ul className="context-rows" aria-label="Docker contexts">
      {ordered.map((context) => (
        <li
          key={context.name}
          className={`context-row${context.refusal ? ' context-row--refused' : ''}`}
          aria-label={`Docker context ${context.name}`}
        >
          <div className="context-row-main">
            <span className="context-name">{context.name}</span>
            {context.current ? <span className="stored-marker context-current">current</span> : null}
            <span className={`context-tls context-tls--${context.tls}`}>{tlsLabels[context.tls]}</span>
            <span className="mono context-endpoint">{context.endpoint}</span>
            {context.description ? <span className="context-description">{context.description}</span> : null}
          </div>
          {context.refusal ? (
            <p className="context-refusal">
              <strong>Refused:</strong> {context.refusal.message} <code className="error-code">{context.refusal.code}</code>
            </p>
          ) : (
            <button
              type="button"
              className="button button--small"
              disabled={pending !== undefined && pending !== null}
              onClick={() => onChoose(context)}
            >
              {pending === context.name ? 'Adding…' : actionLabel}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
