import { readImageList } from '../../shared/docker/images.js';
import { readContainers } from '../../shared/docker/containers.js';
import {
  type SearchEntry,
  containerEntry,
  imageEntry,
  projectEntries,
  queryTerms,
  searchEntries,
} from '../../shared/search/fleet-search.js';
import { formatBytes } from '../../shared/format.js';
import { BerthError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import { parseTimeout } from './connection-options.js';
import { type HostOutcome, eachSavedHost, fleetExitStatus } from './each-saved-host.js';
import { formatTable } from './format-table.js';
import type { CliIo } from './io.js';
import { loadSavedHosts, savedHostsHelp, savedHostsOptions, savedKnownHosts } from './saved-hosts.js';

export const findHelp = `Usage: berth find PATTERN [OPTIONS]

Search every saved Berth host at once for containers (name, id prefix, image, compose project),
compose projects and images (tag, id prefix), as the app's Ctrl/Cmd+K does: every word of
PATTERN must appear, case does not matter. Hosts are reached with the same rules as
\`berth probe\`; a host that cannot be reached is reported and the others are still searched.

Options:
      --json                   Print one JSON object: matches (kind, hostId, hostName, and per kind
                               id, name, image, state, project / tags, sizeBytes / containers,
                               running) and hosts that failed (hostId, hostName, error)
      --timeout SECONDS        Give up on a host's step after SECONDS (default 10)
${savedHostsHelp}
  -h, --help                   Show this help

Exit status: 0 when every host was searched (with or without matches); else the status of the
first host that failed: 2 usage, 3 unreachable, 4 TLS, 5 authentication, 6 host key, 7 daemon
error, 8 timeout, 1 internal error.

Examples:
  berth find nginx
  berth find "api prod" --json`;

const findOptions = {
  ...savedHostsOptions,
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** More than any host keeps (10,000 containers, 5,000 images): `find` prints every match. */
const ALL_MATCHES = 1_000_000;

export async function runFind(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('find', argv, findOptions);
  if (values.help) {
    io.stdout(findHelp);
    return 0;
  }
  const pattern = positionals.join(' ');
  if (queryTerms(pattern).length === 0)
    throw new BerthError('INVALID_ARGUMENT', 'Give a PATTERN to search for, e.g. `berth find nginx`; run `berth find --help`.');
  const location = { dataDir: values['data-dir'], passphraseEnv: values['secrets-passphrase-env'] };
  const hosts = await loadSavedHosts(location, io);
  const outcomes = await eachSavedHost(
    hosts,
    { timeoutMs: parseTimeout(values.timeout), knownHosts: savedKnownHosts(location, io.env) },
    async (connection) => {
      const [containers, images] = await Promise.all([
        connection.api.get('/containers/json', { all: 1 }).then((list) => readContainers(list)),
        connection.api.get('/images/json').then((list) => readImageList(list).images),
      ]);
      return { containers, images };
    },
  );
  const entries = outcomes.flatMap((outcome) =>
    outcome.result.ok
      ? [
          ...outcome.result.value.containers.map((container) => containerEntry(outcome.id, container)),
          ...projectEntries(outcome.id, outcome.result.value.containers),
          ...outcome.result.value.images.map((image) => imageEntry(outcome.id, image)),
        ]
      : [],
  );
  const names = new Map(outcomes.map((outcome) => [outcome.id, outcome.name]));
  const matches = searchEntries(entries, pattern, ALL_MATCHES).flatMap((group) => group.hits);
  const failed = outcomes.flatMap((outcome) =>
    outcome.result.ok ? [] : [{ hostId: outcome.id, hostName: outcome.name, error: outcome.result.error }],
  );
  if (values.json) io.stdout(JSON.stringify({ matches: matches.map((entry) => matchJson(entry, names)), failed }, null, 2));
  else io.stdout(formatFind(matches, names, failed, pattern, outcomes));
  return fleetExitStatus(outcomes);
}

export function matchJson(entry: SearchEntry, names: ReadonlyMap<string, string>) {
  const host = { kind: entry.kind, hostId: entry.hostId, hostName: names.get(entry.hostId) ?? entry.hostId };
  switch (entry.kind) {
    case 'container':
      return {
        ...host,
        id: entry.id,
        name: entry.label,
        image: entry.image,
        state: entry.state,
        ...(entry.project ? { project: entry.project } : {}),
      };
    case 'image':
      return { ...host, id: entry.id, tags: entry.tags, sizeBytes: entry.sizeBytes };
    case 'project':
      return { ...host, name: entry.project, containers: entry.containers, running: entry.running };
    case 'host':
      return { ...host, name: entry.label };
  }
}

function formatFind(
  matches: readonly SearchEntry[],
  names: ReadonlyMap<string, string>,
  failed: ReadonlyArray<{ hostName: string; error: { code: string; message: string } }>,
  pattern: string,
  outcomes: ReadonlyArray<HostOutcome<unknown>>,
): string {
  const lines: string[] = [];
  if (outcomes.length === 0) lines.push('No saved hosts. Add one in the app, or with `berth context import`.');
  else if (matches.length === 0)
    lines.push(`Nothing matches "${pattern}" on ${outcomes.length - failed.length} of ${outcomes.length} hosts.`);
  else {
    const rows = [
      ['KIND', 'HOST', 'NAME', 'ID', 'DETAIL'],
      ...matches.map((entry) => [entry.kind, names.get(entry.hostId) ?? entry.hostId, entry.label, shortId(entry), detailOf(entry)]),
    ];
    lines.push(formatTable(rows, '  '));
  }
  for (const host of failed)
    lines.push(`not searched: ${host.hostName}: ${host.error.code}: ${host.error.message.replace(/\s*\n\s*/g, ' ')}`);
  return lines.join('\n');
}

function shortId(entry: SearchEntry): string {
  return 'id' in entry ? entry.id.replace(/^sha256:/, '').slice(0, 12) : '';
}

function detailOf(entry: SearchEntry): string {
  switch (entry.kind) {
    case 'container':
      return `${entry.state}  ${entry.image}${entry.project ? `  project ${entry.project}` : ''}`;
    case 'image':
      return `${formatBytes(entry.sizeBytes)}${entry.tags.length > 1 ? `  also ${entry.tags.slice(1).join(', ')}` : ''}`;
    case 'project':
      return `${entry.running}/${entry.containers} running`;
    case 'host':
      return '';
  }
}
