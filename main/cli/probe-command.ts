import { BerthError } from '../core/errors.js';
import { probeDaemon } from '../core/probe.js';
import { parseCommandArgs } from './args.js';
import { connectionHelp, connectionOptions, daemonFromArgs } from './connection-options.js';
import { formatProbeText, probeJson } from './format-probe.js';
import type { CliIo } from './io.js';

export const probeHelp = `Usage: berth probe [OPTIONS]

Connect to one Docker daemon, read its summary, storage driver, data-pool and disk usage and
containers, print them, and disconnect.

Without -H, the daemon is chosen as the docker client chooses it: --context NAME; else
DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, default ~/.docker); else the context
in DOCKER_CONTEXT; else the current context of $DOCKER_CONFIG/config.json; else
unix:///var/run/docker.sock.

Options:
${connectionHelp}
      --json                   Print one JSON object instead of text
  -h, --help                   Show this help

Exit status: 0 ok, 2 usage, 3 unreachable, 4 TLS, 5 authentication, 6 host key,
7 daemon error, 8 timeout, 1 internal error.

Examples:
  berth probe -H tcp://10.0.0.5:2376 --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem
  DOCKER_HOST=ssh://deploy@build-01 berth probe --ssh-key ~/.ssh/id_ed25519 --json
  berth probe -H unix:///var/run/docker.sock`;

const probeOptions = {
  ...connectionOptions,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runProbe(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('probe', argv, probeOptions);
  if (values.help) {
    io.stdout(probeHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Unexpected argument "${positionals[0]}". Give the daemon with -H URL; run \`berth probe --help\`.`,
    );
  }
  const { transport, options } = await daemonFromArgs(values, io.env);
  const snapshot = await probeDaemon(transport, options);
  io.stdout(values.json ? JSON.stringify(probeJson(transport, snapshot), null, 2) : formatProbeText(transport, snapshot));
  return 0;
}
