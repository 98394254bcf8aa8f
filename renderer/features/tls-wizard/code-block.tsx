import { useEffect, useId, useRef, useState } from 'react';

/** Copies text to the clipboard; false when the browser refused (the operator can still select it). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection fallback
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

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
