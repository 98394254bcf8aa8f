/**
 * A container's status text ("Up 11 minutes", "Exited (0) 3 hours ago") kept current. The daemon
 * words the status against its own clock at the moment of the read; Berth reads the duration back
 * into an anchor time (`statusSince`) once and words it again against "now" on every render, the
 * way `docker ps` would at that moment (go-units' HumanDuration).
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** go-units HumanDuration: the words `docker ps` uses for a duration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / HOUR);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

const UNITS: Record<string, number> = {
  second: SECOND,
  seconds: SECOND,
  minutes: MINUTE,
  hours: HOUR,
  days: DAY,
  weeks: 7 * DAY,
  months: 30 * DAY,
  years: 365 * DAY,
};

/** The milliseconds a HumanDuration phrase stands for (its lower bound); undefined if it is not one. */
export function parseHumanDuration(text: string): number | undefined {
  const phrase = text.trim().toLowerCase();
  if (phrase === 'less than a second') return 0;
  if (phrase === 'about a minute') return MINUTE;
  if (phrase === 'about an hour') return HOUR;
  const match = /^(\d{1,6}) ([a-z]+)$/.exec(phrase);
  const unit = match ? UNITS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined) return undefined;
  return Number(match[1]) * unit;
}

/** "Up <d>[ (suffix)]" and "Exited|Restarting (<code>) <d> ago": the statuses that carry a duration. */
const UP = /^(Up )(.+?)( \([^)]*\))?$/;
const SINCE = /^((?:Exited|Restarting) \(-?\d+\) )(.+)( ago)$/;

interface StatusParts {
  before: string;
  duration: string;
  after: string;
}

function splitStatus(status: string): StatusParts | undefined {
  const match = UP.exec(status) ?? SINCE.exec(status);
  if (!match) return undefined;
  return { before: match[1] ?? '', duration: match[2] ?? '', after: match[3] ?? '' };
}

/** When the state in `status` began (epoch ms), given the time the daemon wrote it; undefined for statuses without a duration. */
export function statusSinceOf(status: string, readAt: number): number | undefined {
  const parts = splitStatus(status);
  const duration = parts ? parseHumanDuration(parts.duration) : undefined;
  return duration === undefined ? undefined : readAt - duration;
}

/**
 * The status as the daemon would word it at `now`; unchanged when it carries no duration, or when
 * `now` (a coarse clock) is behind the read, so a fresh status never reads younger than the daemon said.
 */
export function currentStatus(status: string, statusSince: number | undefined, now: number): string {
  if (statusSince === undefined) return status;
  const parts = splitStatus(status);
  const worded = parts ? parseHumanDuration(parts.duration) : undefined;
  if (!parts || worded === undefined || now - statusSince <= worded) return status;
  return `${parts.before}${humanDuration(now - statusSince)}${parts.after}`;
}
