import { useEffect, useId, useRef, useState } from 'react';
import { copyText } from '../../lib/clipboard';

/** A titled block of text to paste elsewhere, with a Copy button. */
export function CodeBlock({ title, code, hint }: { title: string; code: string; hint?: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = useId();
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const ok = await copyText(code);
    setCopied(ok ? 'yes' : 'no');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 1800);
  };
  return (
    <section className="code-block" aria-labelledby={id}>
      <header className="code-block-header">
        <h4 id={id} className="code-block-title">
          {title}
        </h4>
        {hint ? <span className="code-block-hint muted">{hint}</span> : null}
        <button
          type="button"
          className="button button--small button--ghost code-block-copy"
          aria-label={`Copy ${title}`}
          onClick={() => void copy()}
        >
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select to copy' : 'Copy'}
        </button>
      </header>
      <pre className="code-block-body" tabIndex={0}>
        <code>{code.replace(/\n$/, '')}</code>
      </pre>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${title} copied` : copied === 'no' ? 'Copying is not allowed here; select the text and copy it' : ''}
      </span>
    </section>
  );
}
