import { exitStatusOf } from '../shared/errors.js';
import { runContext } from './cli/context-command.js';
import { runServe } from './shell/serve-command.js';
import { runSshConfig } from './cli/ssh-config-command.js';
import { runFind } from './cli/find-command.js';
import { runHosts } from './cli/hosts-command.js';
import { runLogs } from './cli/logs-command.js';
import { runProbe } from './cli/probe-command.js';
import { runPs } from './cli/ps-command.js';
import { runTls } from './cli/tls-command.js';
import { type CliIo, processIo } from './cli/io.js';
import { BerthError, toEnvelope } from './core/errors.js';

export const mainHelp = `Usage: berth COMMAND [OPTIONS]

Berth watches Docker daemons on many machines. This is its command line; it uses the same
core as the desktop app.

Commands:
  probe     Connect to one daemon and print its summary, storage, disk usage and containers
  ps        List a daemon's containers (-a for all, --json)
  logs      Print (and with -f follow) a container's log, stdout and stderr apart
  hosts     List the hosts saved in Berth with their live status (all connected to at once)
  find      Search containers, compose projects and images on every saved host
  tls       Make and check the certificates that secure a daemon with TLS (init, inspect, openssl)
  context   Docker contexts both ways: list them, save one as a Berth host, export a host as one
  ssh-config
            Your ~/.ssh/config hosts, ProxyJump chains too: list them, save them as Berth hosts
  serve     Run the app in a browser: serve it on 127.0.0.1 and print the URL to open

Run 'berth COMMAND --help' for a command's options.`;

const commands: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  probe: runProbe,
  ps: runPs,
  logs: (argv, io) => runLogs(argv, io),
  hosts: runHosts,
  find: runFind,
  tls: runTls,
  context: runContext,
  'ssh-config': runSshConfig,
  serve: (argv) => runServe(argv),
};

/** Runs the CLI and returns the exit status; errors become one `berth: CODE: message` line. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      if (topic !== undefined && commands[topic]) return await commands[topic]!(['--help'], io);
      io.stdout(mainHelp);
      return command === undefined ? 2 : 0;
    }
    const handler = commands[command];
    if (!handler) throw new BerthError('INVALID_ARGUMENT', `Unknown command "${command}". Run \`berth --help\` for the list.`);
    return await handler(rest, io);
  } catch (error) {
    const envelope = toEnvelope(error);
    io.stderr(`berth: ${envelope.code}: ${envelope.message.replace(/\s*\n\s*/g, ' ')}`);
    return exitStatusOf(envelope.code);
  }
}
