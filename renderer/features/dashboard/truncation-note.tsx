import type { ErrorEnvelope } from '../../../shared/errors';
import type { SnapshotTruncation } from '../../../shared/snapshot';
import { pluralize } from '../../lib/format';

const number = (value: number) => value.toLocaleString('en-US');

/** What a note about cut data says, line by line; empty when nothing was cut. */
export function truncationLines(truncated: SnapshotTruncation | undefined): string[] {
  if (!truncated) return [];
  const lines: string[] = [];
  if (truncated.containers) {
    const { kept, listed } = truncated.containers;
    lines.push(
      `Showing ${number(kept)} of ${number(listed)} containers — the daemon listed more than Berth keeps (the newest ${number(kept)}). The counts cover all ${number(listed)}.`,
    );
  }
  if (truncated.containersWithCutFields) {
    lines.push(
      `${pluralize(truncated.containersWithCutFields, 'container')} had names, labels, ports or texts longer than Berth keeps; they are shortened (…).`,
    );
  }
  if (truncated.daemonInfoCut) lines.push('Some of what the daemon reports in /info was longer than Berth keeps; it is shortened (…).');
  return lines;
}

/**
 * Above the containers: what Berth left out of a daemon's answer (it keeps stated maxima), and a
 * snapshot the browser shell could not send because it was too large.
 */
export function TruncationNote({
  truncated,
  pushError,
}: {
  truncated: SnapshotTruncation | undefined;
  pushError: ErrorEnvelope | undefined;
}) {
  const lines = truncationLines(truncated);
  if (lines.length === 0 && !pushError) return null;
  return (
    <div className="truncation-note" role="note" aria-label="Data left out">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {pushError ? (
        <p>
          <code>{pushError.code}</code> {pushError.message}
        </p>
      ) : null}
    </div>
  );
}
