import type { ContainerSummary } from '../../shared/snapshot.js';
import { BerthError } from '../core/errors.js';
import { readContainers } from '../../shared/docker/containers.js';
import { withDaemon } from '../core/probe.js';
import { parseCommandArgs } from './args.js';
import { connectionHelp, connectionOptions, daemonFromArgs, exitStatusHelp } from './connection-options.js';
import { formatTable } from './format-table.js';
import type { CliIo } from './io.js';

export const psHelp = `Usage: berth ps [OPTIONS]

List a daemon's containers like \`docker ps\`: running ones, or all with -a.

Options:
  -a, --all                    Show every container, not only running ones
      --json                   Print a JSON array (id, names, image, state, status, ports, created, labels)
${connectionHelp}
  -h, --help                   Show this help

${exitStatusHelp}

Examples:
  berth ps -H tcp://127.0.0.1:2375 -a
  berth ps -H ssh://deploy@build-01 --ssh-key ~/.ssh/id_ed25519 --json`;

const psOptions = {
  ...connectionOptions,
  all: { type: 'boolean', short: 'a' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runPs(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('ps', argv, psOptions);
  if (values.help) {
    io.stdout(psHelp);
    return 0;
  }
  if (positionals.length > 0) throw new BerthError('INVALID_ARGUMENT', `Unexpected argument "${positionals[0]}"; run \`berth ps --help\`.`);
  const { transport, options } = await daemonFromArgs(values, io.env);
  const containers = await withDaemon(transport, options, async (connection) =>
    readContainers(await connection.api.get('/containers/json', values.all ? { all: 1 } : undefined)),
  );
  io.stdout(values.json ? JSON.stringify(containers, null, 2) : formatPs(containers));
  return 0;
}

export function formatPs(containers: readonly ContainerSummary[]): string {
  const rows = [
    ['CONTAINER ID', 'IMAGE', 'STATE', 'STATUS', 'PORTS', 'NAMES'],
    ...containers.map((container) => [
      container.id.slice(0, 12),
      container.image,
      container.state,
      container.status,
      container.ports
        .map((port) =>
          port.publicPort ? `${port.ip ?? ''}:${port.publicPort}->${port.privatePort}/${port.type}` : `${port.privatePort}/${port.type}`,
        )
        .join(', '),
      container.names.map((name) => name.replace(/^\//, '')).join(','),
    ]),
  ];
  return formatTable(rows);
}
