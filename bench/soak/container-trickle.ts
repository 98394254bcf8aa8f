import { request } from '../fleet/bench-daemons.js';

export const SOAK_LABEL = 'berth.bench.soak';

export interface Trickle {
  /** Cycles completed and failed so far. */
  readonly cycles: { done: number; failed: number; lastError?: string };
  /** Lets the running cycle finish, stops, and removes anything of this run left behind. */
  stop(): Promise<void>;
}

/**
 * A steady trickle of container work on a daemon, through its API (never through Berth): every
 * `everyMs`, one container is created, started, stopped and removed. Each carries SOAK_LABEL =
 * `runId`, so a run only ever cleans up its own.
 */
export function startTrickle(socket: string, image: string, runId: string, everyMs: number): Trickle {
  const cycles: Trickle['cycles'] = { done: 0, failed: 0 };
  let stopped = false;
  let wake: (() => void) | undefined;
  const call = async (method: string, urlPath: string, expected: number[], body?: object) => {
    const reply = await request(socket, method, urlPath, body && JSON.stringify(body));
    if (!expected.includes(reply.status)) throw new Error(`${method} ${urlPath} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    return reply.body;
  };
  const cycle = async (n: number) => {
    const created = JSON.parse(
      await call('POST', `/containers/create?name=soak-${runId}-${n}`, [201], {
        Image: image,
        Cmd: ['sleep', '600'],
        Labels: { [SOAK_LABEL]: runId },
        HostConfig: { NetworkMode: 'none' },
      }),
    ) as { Id: string };
    await call('POST', `/containers/${created.Id}/start`, [204]);
    await call('POST', `/containers/${created.Id}/stop?t=0`, [204, 304]);
    await call('DELETE', `/containers/${created.Id}`, [204]);
  };
  const loop = (async () => {
    for (let n = 0; !stopped; n += 1) {
      const next = Date.now() + everyMs;
      try {
        await cycle(n);
        cycles.done += 1;
      } catch (error) {
        cycles.failed += 1;
        cycles.lastError = error instanceof Error ? error.message : String(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, next - Date.now()));
      });
    }
  })();
  return {
    cycles,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await removeRun(socket, runId);
    },
  };
}

/** Removes every container of this run (a cycle that failed half way leaves one behind). */
export async function removeRun(socket: string, runId: string): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${SOAK_LABEL}=${runId}`] }));
  const listed = JSON.parse((await request(socket, 'GET', `/containers/json?all=1&filters=${filters}`)).body) as Array<{ Id: string }>;
  for (const { Id } of listed) await request(socket, 'DELETE', `/containers/${Id}?force=1`);
}
