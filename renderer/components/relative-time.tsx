import { formatAgo, formatTimestamp } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "3 min ago", kept current by the shared clock; the exact time is in the tooltip. */
export function RelativeTime({ epochMs, prefix = '' }: { epochMs: number; prefix?: string }) {
  const now = useNow(5_000);
  return (
    <time dateTime={new Date(epochMs).toISOString()} title={formatTimestamp(epochMs)}>
      {prefix}
      {formatAgo(epochMs, now)}
    </time>
  );
}
