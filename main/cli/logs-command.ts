import type { LogLine } from '../../shared/containers.js';
import { logTimeSchema } from '../../shared/containers-contract.js';
import { BerthError } from '../core/errors.js';
import { logTimeToUnix } from '../core/containers/log-time.js';
import { LogsStream } from '../core/containers/logs-stream.js';
import { withDaemon } from '../core/probe.js';
import { parseCommandArgs } from './args.js';
import { connectionHelp, connectionOptions, daemonFromArgs, exitStatusHelp } from './connection-options.js';
import type { CliIo } from './io.js';

export const logsHelp = `Usage: berth logs [OPTIONS] CONTAINER

Print a container's log like \`docker logs\`: its stdout to stdout, its stderr to stderr (a TTY
container's log is one stream, printed to stdout). With -f, keep following; when the connection
drops, follow again from the last line's timestamp without repeating a line.

Options:
  -f, --follow                 Keep printing new lines until interrupted (Ctrl-C) or the container stops
      --tail N                 Only the last N lines (default: all)
      --since TIME             Lines since TIME: RFC 3339 (2024-05-01T10:00:00Z), unix seconds, or a duration (10m, 1h30m)
      --until TIME             Lines before TIME (same forms)
  -t, --timestamps             Prefix each line with the daemon's timestamp
${connectionHelp}
  -h, --help                   Show this help

Lines over 64 KB are cut, with a note on stderr.

${exitStatusHelp}

Examples:
  berth logs -H tcp://127.0.0.1:2375 web --tail 100 -f
  berth logs -H ssh://deploy@build-01 --ssh-key ~/.ssh/id_ed25519 api --since 10m -t`;

const logsOptions = {
  ...connectionOptions,
  follow: { type: 'boolean', short: 'f' },
  tail: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  timestamps: { type: 'boolean', short: 't' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface LogsRunOptions {
  /** Ends a follow (Ctrl-C); default: SIGINT / SIGTERM of this process. */
  interrupt?: AbortSignal;
}

export async function runLogs(argv: string[], io: CliIo, run: LogsRunOptions = {}): Promise<number> {
  const { values, positionals } = parseCommandArgs('logs', argv, logsOptions);
  if (values.help) {
    io.stdout(logsHelp);
    return 0;
  }
  const [container, ...extra] = positionals;
  if (container === undefined || extra.length > 0)
    throw new BerthError('INVALID_ARGUMENT', `Give exactly one container (name or id); run \`berth logs --help\`.`);
  const tail = parseTail(values.tail);
  const since = values.since === undefined ? undefined : logTimeToUnix(checkTime('--since', values.since));
  const until = values.until === undefined ? undefined : logTimeToUnix(checkTime('--until', values.until));
  const { transport, options } = await daemonFromArgs(values, io.env);
  const write = (line: LogLine) => {
    const text = values.timestamps && line.time !== '' ? `${line.time} ${line.text}` : line.text;
    if (line.stream === 'stderr') io.stderr(`${text}\n`);
    else io.stdout(`${text}\n`);
    if (line.cutFromBytes !== undefined) io.stderr(`berth: the line above was ${line.cutFromBytes} bytes; it was cut to 64 KB.\n`);
  };
  return withDaemon(transport, options, async (connection) => {
    let failure: BerthError | undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const stream = new LogsStream({
      container,
      follow: values.follow === true,
      tail,
      since,
      until,
      connection: () => connection,
      emit: (event) => {
        if (event.type === 'lines') event.lines.forEach(write);
        else if (event.type === 'disconnected') io.stderr(`berth: ${event.error.message}\n`);
        else if (event.type === 'ended') {
          if (event.error) failure = new BerthError(event.error.code, event.error.message);
          finish();
        }
      },
      batchMs: 20,
    });
    const interrupt = run.interrupt ?? processInterrupt();
    interrupt.addEventListener('abort', () => finish(), { once: true });
    await stream.open();
    await finished;
    await stream.close();
    if (failure) throw failure;
    return 0;
  });
}

function parseTail(value: string | undefined): number | 'all' {
  if (value === undefined || value === 'all') return 'all';
  if (!/^\d{1,7}$/.test(value)) throw new BerthError('INVALID_ARGUMENT', `--tail wants a number of lines or "all", not "${value}".`);
  return Number(value);
}

function checkTime(flag: string, value: string): string {
  const parsed = logTimeSchema.safeParse(value);
  if (!parsed.success)
    throw new BerthError('INVALID_ARGUMENT', `${flag} "${value.slice(0, 64)}": ${parsed.error.issues[0]?.message ?? 'not a time'}.`);
  return parsed.data;
}

function processInterrupt(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
