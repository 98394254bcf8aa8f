import { readDaemonSummary } from '../../shared/docker/summary.js';
import { countOr0, field } from '../../shared/docker/json-read.js';
import { BerthError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import { parseTimeout } from './connection-options.js';
import { type HostOutcome, eachSavedHost, fleetExitStatus } from './each-saved-host.js';
import { formatTable } from './format-table.js';
import type { CliIo } from './io.js';
import { dataDirOf, loadSavedHosts, savedHostsHelp, savedHostsOptions, savedKnownHosts } from './saved-hosts.js';
import { formatAgo } from '../../shared/format.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { storedSnapshot } from '../core/store/snapshot-store.js';

export const hostsHelp = `Usage: berth hosts [OPTIONS]

List the hosts saved in Berth (the app's profiles) with their live status: every host is
connected to at once, with the same rules as \`berth probe\` (each step within --timeout, SSH
host keys checked against Berth's known_hosts and ~/.ssh/known_hosts). For a host that does not
answer, LAST SEEN gives the age and container counts of the app's last snapshot of it.

Options:
      --json                   Print a JSON array: id, name, tags, endpoint, status ("ready" or
                               "failed"), elapsedMs, and serverVersion, name and containers
                               (total, running) when ready, or error {code, message} when failed,
                               with lastSeen {at (epoch ms), serverVersion, containers} when the
                               app holds a snapshot of the host from when it last answered
      --timeout SECONDS        Give up on a host's step after SECONDS (default 10)
${savedHostsHelp}
  -h, --help                   Show this help

Exit status: 0 when every host answered; else the status of the first host that failed:
2 usage, 3 unreachable, 4 TLS, 5 authentication, 6 host key, 7 daemon error, 8 timeout,
1 internal error.`;

const hostsOptions = {
  ...savedHostsOptions,
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the app's stored snapshot says of a host that did not answer now. */
export interface HostLastSeen {
  at: number;
  serverVersion: string;
  containers: { total: number; running: number };
}

export interface HostLiveStatus {
  serverVersion: string;
  daemonName: string;
  containers: { total: number; running: number };
}

export async function runHosts(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('hosts', argv, hostsOptions);
  if (values.help) {
    io.stdout(hostsHelp);
    return 0;
  }
  if (positionals.length > 0)
    throw new BerthError('INVALID_ARGUMENT', `Unexpected argument "${positionals[0]}"; run \`berth hosts --help\`.`);
  const location = { dataDir: values['data-dir'], passphraseEnv: values['secrets-passphrase-env'] };
  const timeoutMs = parseTimeout(values.timeout);
  const hosts = await loadSavedHosts(location, io);
  const outcomes = await eachSavedHost(hosts, { timeoutMs, knownHosts: savedKnownHosts(location, io.env) }, async (connection) => {
    const info = await connection.api.get('/info');
    const summary = readDaemonSummary({}, info);
    return {
      serverVersion: summary.serverVersion,
      daemonName: summary.name,
      containers: { total: countOr0(field(info, 'Containers')), running: countOr0(field(info, 'ContainersRunning')) },
    } satisfies HostLiveStatus;
  });
  const dataDir = dataDirOf(location, io.env);
  const lastSeen = (hostId: string) => lastSeenOf(storedSnapshot(dataDir, hostId));
  io.stdout(
    values.json
      ? JSON.stringify(
          outcomes.map((outcome) => hostJson(outcome, lastSeen)),
          null,
          2,
        )
      : formatHosts(outcomes, lastSeen),
  );
  return fleetExitStatus(outcomes);
}

type LastSeenOf = (hostId: string) => HostLastSeen | undefined;
const nothingSeen: LastSeenOf = () => undefined;

function lastSeenOf(snapshot: HostSnapshot | undefined): HostLastSeen | undefined {
  if (!snapshot) return undefined;
  const { total, running } = snapshot.counts;
  return { at: snapshot.updatedAt, serverVersion: snapshot.summary.serverVersion, containers: { total, running } };
}

export function hostJson(outcome: HostOutcome<HostLiveStatus>, lastSeen: LastSeenOf = nothingSeen) {
  const { result, ...rest } = outcome;
  if (result.ok) return { ...rest, status: 'ready' as const, ...result.value };
  const seen = lastSeen(outcome.id);
  return { ...rest, status: 'failed' as const, error: result.error, ...(seen && { lastSeen: seen }) };
}

export function formatHosts(
  outcomes: ReadonlyArray<HostOutcome<HostLiveStatus>>,
  lastSeen: LastSeenOf = nothingSeen,
  now: number = Date.now(),
): string {
  if (outcomes.length === 0) return 'No saved hosts. Add one in the app, or with `berth context import`.';
  const seenCell = (hostId: string) => {
    const seen = lastSeen(hostId);
    return seen ? `${formatAgo(seen.at, now)} (${seen.containers.running}/${seen.containers.total} running)` : '';
  };
  const rows = [
    ['NAME', 'STATUS', 'VERSION', 'CONTAINERS', 'LAST SEEN', 'ENDPOINT', 'TAGS'],
    ...outcomes.map(({ id, name, endpoint, tags, result, elapsedMs }) => [
      name,
      result.ok ? `ready (${elapsedMs} ms)` : `failed: ${result.error.code}`,
      result.ok ? result.value.serverVersion : '',
      result.ok ? `${result.value.containers.running}/${result.value.containers.total} running` : '',
      result.ok ? 'live' : seenCell(id),
      endpoint,
      tags.join(','),
    ]),
  ];
  const table = formatTable(rows, '  ');
  const reasons = outcomes.flatMap(({ name, result }) =>
    result.ok ? [] : [`${name}: ${result.error.code}: ${result.error.message.replace(/\s*\n\s*/g, ' ')}`],
  );
  return [table, ...(reasons.length > 0 ? ['', ...reasons] : [])].join('\n');
}
