import type { BerthService } from '../main/core/app/berth-service.js';
import { type AppServiceOptions, createAppService } from '../main/core/app/create-service.js';

/** Reconnects quickly, so a test that cuts a link does not wait out the production backoff. */
const FAST_BACKOFF = { initialMs: 200, maxMs: 1_000, random: Math.random };

/**
 * The service as tests start it: the browser shell, no user known_hosts, an empty environment
 * (no DOCKER_HOST of the machine running the tests) and a fast reconnect backoff. `overrides`
 * adds test hooks or options; its connection hooks are laid over the fast backoff.
 */
export function testAppService(dataDir: string, overrides: Partial<AppServiceOptions> = {}): Promise<BerthService> {
  const { testHooks, ...options } = overrides;
  return createAppService({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    useUserKnownHosts: false,
    env: {},
    ...options,
    testHooks: { ...testHooks, connections: { backoff: FAST_BACKOFF, ...testHooks?.connections } },
  });
}
