import { runCli } from './cli.js';

// Entry point of the `berth` binary: run, then exit with the command's status.
const status = await runCli(process.argv.slice(2));
process.exitCode = status;
