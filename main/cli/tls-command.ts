import { BerthError } from '../core/errors.js';
import type { CliIo } from './io.js';
import { runTlsInit } from './tls-init-command.js';
import { runTlsInspect } from './tls-inspect-command.js';
import { runTlsOpenssl } from './tls-openssl-command.js';

export const tlsHelp = `Usage: berth tls COMMAND [OPTIONS]

Make and check the certificates that secure a Docker daemon with TLS (--tlsverify): a CA, a
server certificate for the daemon and a client certificate, under docker's file names.

Commands:
  init      Make a CA, server and client certificate and print how to configure dockerd and clients
  inspect   Show what certificate files hold, the addresses they cover and when they expire
  openssl   Print the openssl commands that make the same set by hand

Run 'berth tls COMMAND --help' for a command's options.`;

const subcommands: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  init: runTlsInit,
  inspect: runTlsInspect,
  openssl: runTlsOpenssl,
};

export async function runTls(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    const topic = subcommand === 'help' ? rest[0] : undefined;
    if (topic !== undefined && subcommands[topic]) return subcommands[topic]!(['--help'], io);
    io.stdout(tlsHelp);
    return subcommand === undefined ? 2 : 0;
  }
  const handler = subcommands[subcommand];
  if (!handler) throw new BerthError('INVALID_ARGUMENT', `Unknown command "tls ${subcommand}". Run \`berth tls --help\` for the list.`);
  return handler(rest, io);
}
