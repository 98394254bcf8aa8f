import { parseArgs } from 'node:util';
import { BerthError } from '../core/errors.js';

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Wraps node's parseArgs so unknown flags and missing values become a clear usage error. */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new BerthError('INVALID_ARGUMENT', `${message}. Run \`berth ${command} --help\` for the options.`);
  }
}
