import type { StorageWarning } from '../../../shared/snapshot';

const LEVEL_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;
const LEVEL_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** The storage reading's warnings, most severe first, each saying what is wrong and what to do. */
export function StorageWarnings({ warnings }: { warnings: readonly StorageWarning[] }) {
  if (warnings.length === 0) return null;
  const sorted = [...warnings].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  return (
    <ul className="storage-warnings" aria-label="Storage warnings">
      {sorted.map((warning) => (
        <li key={`${warning.code}:${warning.message}`} className={`warning-item warning-item--stacked warning-item--${warning.level}`}>
          <span className="warning-head">
            <span className={`level-badge level-badge--${warning.level}`}>{LEVEL_LABEL[warning.level]}</span>
            <code className="warning-code">{warning.code}</code>
          </span>
          <span className="warning-text">{warning.message}</span>
        </li>
      ))}
    </ul>
  );
}
