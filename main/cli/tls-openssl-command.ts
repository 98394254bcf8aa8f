import { BerthError } from '../core/errors.js';
import { opensslCommands } from '../core/tls/openssl-commands.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';
import { certificateSetOptions, certificateSetOptionsHelp, parseDays, parseKeyType, parseSans } from './tls-options.js';

export const tlsOpensslHelp = `Usage: berth tls openssl --san ADDRESS [--san ADDRESS…] [OPTIONS]

Print a bash script of openssl commands (OpenSSL 1.1.1 or newer) that makes the same set as
\`berth tls init\`: same names, extensions and file names. Run it in an empty directory.

Options:
${certificateSetOptionsHelp}
      --encrypt-ca-key       Encrypt ca-key.pem; the script asks for the passphrase once
  -h, --help                 Show this help

Example:
  berth tls openssl --san IP:203.0.113.5 --san DNS:docker.example.com > make-certs.sh && bash make-certs.sh`;

const opensslOptions = { ...certificateSetOptions, 'encrypt-ca-key': { type: 'boolean' } } as const;

export async function runTlsOpenssl(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('tls openssl', argv, opensslOptions);
  if (values.help) {
    io.stdout(tlsOpensslHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Unexpected argument "${positionals[0]}". Give addresses with --san; run \`berth tls openssl --help\`.`,
    );
  }
  const { script } = opensslCommands({
    sans: parseSans(values.san, 'openssl'),
    includeLoopback: values['no-loopback'] !== true,
    keyType: parseKeyType(values.key),
    validityDays: parseDays(values.days),
    encryptCaKey: values['encrypt-ca-key'] === true,
    ...(values['common-name'] !== undefined ? { commonName: values['common-name'] } : {}),
  });
  io.stdout(script);
  return 0;
}
