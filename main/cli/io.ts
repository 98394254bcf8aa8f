import { askHidden } from './ask-hidden.js';

/** What a CLI command may touch, injectable so commands run in-process in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Asks for a secret without echoing it; absent when no terminal can be asked (then commands need the -env flags). */
  askSecret?: (prompt: string) => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  ...(process.stdin.isTTY && process.stderr.isTTY ? { askSecret: askHidden } : {}),
};
