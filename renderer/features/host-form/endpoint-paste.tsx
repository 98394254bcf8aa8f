import { useState } from 'react';
import type { ParsedEndpoint } from '../../../shared/contract';
import { readEndpoint } from '../../../shared/endpoint';
import type { ErrorEnvelope } from '../../../shared/errors';

/**
 * Paste `tcp://…`, `ssh://user@host` or `unix:///…` and the form fills itself. The parser is the
 * pure shared one main uses too, run here synchronously: the form holds the endpoint the moment the
 * URL is pasted, so an Add host clicked right after can never miss it (a round trip to main could).
 */
export function EndpointPaste({ onParsed, autoFocus }: { onParsed: (parsed: ParsedEndpoint) => void; autoFocus?: boolean }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const submit = (text: string) => {
    if (text.trim() === '') return;
    const parsed = readEndpoint(text.trim());
    if ('code' in parsed) {
      setError(parsed);
      return;
    }
    setError(null);
    onParsed(parsed);
  };
  return (
    <div className="endpoint-paste">
      <span className="endpoint-paste-label" aria-hidden="true">
        Paste a docker endpoint URL to fill the form
      </span>
      <div className="endpoint-paste-row">
        <input
          className="input mono grow"
          aria-label="Docker endpoint URL"
          data-autofocus={autoFocus ? true : undefined}
          placeholder="tcp://10.0.0.5:2376 · ssh://deploy@build-01 · unix:///var/run/docker.sock"
          value={url}
          spellCheck={false}
          onChange={(event) => {
            setUrl(event.target.value);
            setError(null);
          }}
          onPaste={(event) => {
            const text = event.clipboardData.getData('text');
            if (text.trim() !== '') {
              event.preventDefault();
              setUrl(text.trim());
              submit(text);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit(url);
            }
          }}
        />
        <button type="button" className="button" onClick={() => submit(url)} disabled={url.trim() === ''}>
          Fill from URL
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      ) : null}
    </div>
  );
}
