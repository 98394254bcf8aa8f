import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BerthService } from '../../main/core/app/berth-service.js';
import { type AppServiceOptions, createAppService } from '../../main/core/app/create-service.js';
import { type ShellServer, startShellServer } from '../../main/shell/shell-server.js';

export interface BerthApp {
  service: BerthService;
  server: ShellServer;
  /** The URL the shell prints: the token in the fragment (`/#token=…`). */
  url: string;
  close(): Promise<void>;
}

const rendererDir = path.resolve('out', 'renderer');

/**
 * The real app as an operator reaches it from a browser: the core and the browser shell in this
 * process, serving the built renderer, with a fresh data dir (no hosts, empty known_hosts).
 * `homeDir` and `dockerConfigDir` point path completion and the docker contexts at test folders;
 * `dataDir` restarts the app over an earlier one's data (then left for the caller to remove).
 */
export async function startBerthApp(
  options: Pick<AppServiceOptions, 'homeDir' | 'dockerConfigDir'> & { dataDir?: string } = {},
): Promise<BerthApp> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
  }
  const { dataDir: given, ...rest } = options;
  const dataDir = given ?? mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
  const service = await createAppService({ dataDir, shell: 'browser', version: '0.0.0-e2e', useUserKnownHosts: false, ...rest });
  const server = await startShellServer({ service, rendererDir });
  return {
    service,
    server,
    url: server.url,
    close: async () => {
      await server.close();
      await service.dispose();
      if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
