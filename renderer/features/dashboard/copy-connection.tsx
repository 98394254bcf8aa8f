import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { RedactedTransport } from '../../../shared/host-view';
import { copyText } from '../../lib/clipboard';
import { connectionCommands } from '../../lib/connection-commands';

/** "Copy connection": the docker -H line, the DOCKER_* exports and (SSH) an ssh line for this host. */
export function CopyConnection({ transport }: { transport: RedactedTransport }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const text = connectionCommands(transport);
  const copy = async () => {
    setCopied((await copyText(text)) ? 'yes' : 'no');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 1800);
  };
  return (
    <button type="button" className="button button--small button--ghost" title={text} onClick={() => void copy()}>
      {copied === 'yes' ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
      {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: the lines are in the tooltip' : 'Copy connection'}
    </button>
  );
}
