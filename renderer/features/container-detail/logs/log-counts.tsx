import { pluralize } from '../../../lib/format';
import type { FilteredLines } from './filtered-lines';
import type { LogStore } from './log-store';
import { useFrameVersion } from './use-frame-version';

/** "N matches in M lines" and the note about dropped lines: re-rendered once per frame at most. */
export function LogCounts({ store, lines }: { store: LogStore; lines: FilteredLines }) {
  useFrameVersion(store);
  return (
    <>
      <span className="muted" data-testid="log-count">
        {lines.filter ? `${pluralize(lines.size, 'match', 'matches')} in ` : ''}
        {pluralize(store.size, 'line')}
      </span>
      {store.dropped > 0 ? (
        <span className="muted" role="note">
          {store.dropped.toLocaleString('en-US')} older lines dropped (the view keeps the newest {store.cap.toLocaleString('en-US')})
        </span>
      ) : null}
    </>
  );
}

/** Downloads what is loaded as a text file (enabled once there is a line). */
export function DownloadLogButton({ store, fileName, withTimestamps }: { store: LogStore; fileName: string; withTimestamps: boolean }) {
  useFrameVersion(store);
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      disabled={store.size === 0}
      onClick={() => downloadText(fileName, store.toText(withTimestamps))}
    >
      Download .txt
    </button>
  );
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
