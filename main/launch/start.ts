/**
 * `npm start`: builds, then opens the desktop app — fetching Electron's binary first the way
 * Electron documents (`install-electron`, since Electron 42 has no postinstall) — or, where
 * Electron cannot run, says why in one line and serves the same app in the browser, printing
 * its URL. Arguments after `--` go to the browser shell (e.g. `npm start -- --port 8080`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserFallbackNotice, planStart } from './start-plan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinaryPresent(): boolean {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

/** Runs a command in the repository with inherited output; resolves with its exit status. */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', () => resolve(127));
  });
}

/**
 * Berth runs on Node 24 (the Node inside Electron). Where the machine's node is older, the
 * children get the Node 24 that `.ci/use-node24.sh` installs from the npm registry into .tools/.
 */
function useNode24ForChildren(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24 || process.platform === 'win32') return;
  const found = spawnSync('bash', ['-c', 'source .ci/use-node24.sh >&2 && printf %s "$PATH"'], { cwd: root, encoding: 'utf8' });
  if (found.status === 0 && found.stdout) process.env.PATH = found.stdout;
  else console.warn(`berth: Node ${process.versions.node} is older than the 24 Berth needs, and Node 24 could not be installed.`);
}

async function main(): Promise<number> {
  useNode24ForChildren();
  const built = await run('npx', ['electron-vite', 'build']);
  if (built !== 0) return built;
  const step = planStart({
    platform: process.platform,
    env: process.env,
    uid: process.getuid?.(),
    electronBinaryPresent: electronBinaryPresent(),
  });
  let fallbackReason = step.kind === 'browser' ? step.reason : undefined;
  if (step.kind === 'desktop' && step.fetchElectronFirst) {
    console.log('berth: fetching the Electron binary (once, into node_modules/electron)…');
    const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: root, stdio: 'inherit' });
    if (fetched.status !== 0 || !electronBinaryPresent()) {
      fallbackReason = 'the Electron binary could not be downloaded (no network to its release site?)';
    }
  }
  if (fallbackReason === undefined) return run('npx', ['electron-vite', 'preview', '--skipBuild']);
  console.log(browserFallbackNotice(fallbackReason));
  return run('npx', ['tsx', 'main/shell/serve-cli.ts', ...process.argv.slice(2)]);
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`berth: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
