import { useState } from 'react';
import type { ParsedEndpoint } from '../../../shared/contract';
import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';

/** Paste `tcp://…`, `ssh://user@host` or `unix:///…` and the form fills itself (via 'endpoint:parse'). */
export function EndpointPaste({ onParsed, autoFocus }: { onParsed: (parsed: ParsedEndpoint) => void; autoFocus?: boolean }) {
  const { api } = useServices();
  const [url, setUrl] = useState('');
  const parse = useAction(async (text: string) => {
    const parsed = await api.parseEndpoint(text);
    onParsed(parsed);
    return parsed;
  });
  const submit = (text: string) => {
    if (text.trim() !== '') void parse.run(text.trim());
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
            parse.reset();
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
        <button type="button" className="button" onClick={() => submit(url)} disabled={parse.pending || url.trim() === ''}>
          Fill from URL
        </button>
      </div>
      {parse.error ? (
        <p className="field-error" role="alert">
          <code>{parse.error.code}</code> {parse.error.message}
        </p>
      ) : null}
    </div>
  );
}
