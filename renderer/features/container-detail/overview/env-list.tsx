import { useState } from 'react';
import type { ContainerEnvVar } from '../../../../shared/containers';

/** Environment variables with their values masked until the operator reveals them, one by one. */
export function EnvList({ env }: { env: readonly ContainerEnvVar[] }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  if (env.length === 0) return <p className="muted">No environment variables.</p>;
  const toggle = (index: number) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  return (
    <ul className="env-list" aria-label="Environment">
      {env.map((variable, index) => {
        const shown = revealed.has(index);
        return (
          <li key={`${variable.name}-${index}`} className="env-item">
            <span className="env-name mono">{variable.name}</span>
            <span
              className={`env-value mono${shown ? '' : ' env-value--masked'}`}
              aria-label={shown ? undefined : `${variable.name} value hidden`}
            >
              {shown ? variable.value || '(empty)' : '••••••••'}
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => toggle(index)}
              aria-label={`${shown ? 'Hide' : 'Reveal'} ${variable.name}`}
            >
              {shown ? 'Hide' : 'Reveal'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
