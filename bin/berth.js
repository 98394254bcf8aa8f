#!/usr/bin/env node
// The `berth` command: a thin launcher for the built CLI (npm run build makes out/main/cli-entry.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../out/main/cli-entry.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('berth: INTERNAL: the CLI is not built yet. Run `npm run build` in the Berth folder first.\n');
  process.exit(1);
}
await import(entry);
