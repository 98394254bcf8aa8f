import { readDaemonSummary } from '../../shared/docker/summary.js';
import { countOr0, field } from '../../shared/docker/json-read.js';
import { BerthError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import { parseTimeout } from './connection-options.js';
import { type HostOutcome, eachSavedHost, fleetExitStatus } from './each-saved-host.js';
import { formatTable } from './format-table.js';
import type { CliIo } from './io.js';
import { loadSavedHosts, savedHostsHelp, savedHostsOptions, savedKnownHosts } from './saved-hosts.js';

export const hostsHelp = `Usage: berth hosts [OPTIONS]

List the hosts saved in Berth (the app's profiles) with their live status: every host is
connected to at once, with the same rules as \`berth probe\` (each step within --timeout, SSH
host keys checked against Berth's known_hosts and ~/.ssh/known_hosts).

Options:
      --json                   Print a JSON array: id, name, tags, endpoint, status ("ready" or
                               "failed"), elapsedMs, and serverVersion, name and containers
                               (total, running) when ready, or error {code, message} when failed
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
  io.stdout(values.json ? JSON.stringify(outcomes.map(hostJson), null, 2) : formatHosts(outcomes));
  return fleetExitStatus(outcomes);
}

export function hostJson(outcome: HostOutcome<HostLiveStatus>) {
  const { result, ...rest } = outcome;
  return result.ok ? { ...rest, status: 'ready' as const, ...result.value } : { ...rest, status: 'failed' as const, error: result.error };
}

export function formatHosts(outcomes: ReadonlyArray<HostOutcome<HostLiveStatus>>): string {
  if (outcomes.length === 0) return 'No saved hosts. Add one in the app, or with `berth context import`.';
  const rows = [
    ['NAME', 'STATUS', 'VERSION', 'CONTAINERS', 'ENDPOINT', 'TAGS'],
    ...outcomes.map(({ name, endpoint, tags, result, elapsedMs }) => [
      name,
      result.ok ? `ready (${elapsedMs} ms)` : `failed: ${result.error.code}`,
      result.ok ? result.value.serverVersion : '',
      result.ok ? `${result.value.containers.running}/${result.value.containers.total} running` : '',
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
