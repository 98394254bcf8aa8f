/**
 * Loaded with `node --import` into the built `berth serve` process by bench/fleet-start.bench.ts, so
 * the benchmark measures the production bundle from inside without changing it. It answers one
 * command per stdin line with one stdout line `BERTH-PROBE {json}`:
 *   cpu      → process CPU time (user + system, µs, every thread) and the wall clock (ms)
 *   memory   → after a full GC (needs --expose-gc): RSS and V8 heap in bytes
 *   profile  → stops the CPU profile started at load (BERTH_BENCH_CPU_PROFILE=file) and writes it
 *   profile-again → starts a new CPU profile (e.g. of the idle period), written by the next `profile`
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import readline from 'node:readline';

const profileFile = process.env.BERTH_BENCH_CPU_PROFILE;
const session = profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
}

const answer = (value) => process.stdout.write(`BERTH-PROBE ${JSON.stringify(value)}\n`);

const commands = {
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return { cpuMicros: user + system, wallMs: performance.now() };
  },
  memory: () => {
    globalThis.gc?.();
    const usage = process.memoryUsage();
    return { rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, gc: Boolean(globalThis.gc) };
  },
  profile: async () => {
    if (!session) return { error: 'no profile: BERTH_BENCH_CPU_PROFILE is not set' };
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    return { file: profileFile };
  },
  'profile-again': async () => {
    if (!session) return { error: 'no profile: BERTH_BENCH_CPU_PROFILE is not set' };
    await session.post('Profiler.start');
    return { started: true };
  },
};

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = commands[line.trim()];
  if (!command) return answer({ error: `unknown probe command ${line}` });
  void Promise.resolve(command()).then(answer, (error) => answer({ error: String(error) }));
});
// The parent going away ends the shell too (no stray `berth serve` after a failed bench).
lines.on('close', () => process.kill(process.pid, 'SIGTERM'));
