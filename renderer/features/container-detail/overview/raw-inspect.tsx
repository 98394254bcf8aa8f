import { useState } from 'react';

/** The inspect JSON as the daemon sent it: collapsed by default, copyable. */
export function RawInspect({ raw }: { raw: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(raw);
      setCopied('Copied.');
    } catch {
      setCopied('The clipboard refused: expand and select the text instead.');
    }
  };
  return (
    <div className="raw-inspect">
      <div className="raw-inspect-bar">
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾ Hide raw inspect JSON' : '▸ Show raw inspect JSON'}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => void copy()}>
          Copy JSON
        </button>
        {copied ? <span className="muted">{copied}</span> : null}
      </div>
      {open ? (
        <pre className="raw-inspect-json mono" tabIndex={0} aria-label="Raw inspect JSON">
          {raw}
        </pre>
      ) : null}
    </div>
  );
}
