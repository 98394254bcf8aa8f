import http from 'node:http';

/** The reads Berth does to know a host, in the order it sends them (all at once). */
export const HOST_READS = ['/version', '/info', '/containers/json?all=1', '/system/df'] as const;

export interface RawFloorResult {
  hosts: number;
  /** Until every host answered its four reads (a refused df counts as answered). */
  allAnsweredMs: number;
  /** Until every host answered /version, /info and /containers/json: what "status known" needs. */
  knownMs: number;
  dfOk: number;
  /** dockerd refuses a second concurrent /system/df ("a disk usage operation is already running"). */
  dfFailed: number;
  dfFailure?: string;
  otherFailures: number;
}

/**
 * The floor Berth's start is compared with: a plain Node HTTP client, one keep-alive agent per
 * host, sending the four reads of every host at once, reading and parsing each body.
 */
export async function rawFloor(ports: readonly number[]): Promise<RawFloorResult> {
  const agents = ports.map(() => new http.Agent({ keepAlive: true }));
  const started = performance.now();
  let knownAt = 0;
  let dfOk = 0;
  let dfFailed = 0;
  let otherFailures = 0;
  let dfFailure: string | undefined;
  try {
    await Promise.all(
      ports.map(async (port, i) => {
        const agent = agents[i]!;
        const [df, ...rest] = await Promise.all([
          get(agent, port, '/system/df'),
          ...HOST_READS.filter((read) => read !== '/system/df').map((read) => get(agent, port, read)),
        ]);
        knownAt = Math.max(knownAt, performance.now());
        otherFailures += rest.filter((answer) => answer.status !== 200).length;
        if (df.status === 200) dfOk += 1;
        else {
          dfFailed += 1;
          dfFailure ??= `${df.status} ${df.text.trim().slice(0, 120)}`;
        }
      }),
    );
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return {
    hosts: ports.length,
    allAnsweredMs: performance.now() - started,
    knownMs: knownAt - started,
    dfOk,
    dfFailed,
    ...(dfFailure !== undefined && { dfFailure }),
    otherFailures,
  };
}

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, timeout: 120_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode === 200) JSON.parse(text);
        resolve({ status: response.statusCode ?? 0, text });
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} on port ${port} timed out`)));
    request.on('error', reject);
  });
}
