import { spawnSync } from 'node:child_process';
import { labCleanupDaemon, loadLabManifest, prepareLabCleanup } from '../e2e/lab/manifest.js';
import { labKnownHosts } from '../e2e/support/lab-hosts.js';
import { cleanupKinds } from '../shared/cleanup.js';
import { readCleanupPreview } from '../main/core/cleanup/prune-preview-reader.js';
import { openDockerConnection } from '../main/core/transports/docker-connection.js';
import { dockerCliInvocation } from './docker-cli.js';
import { median, ms, timeRuns } from './stats.js';

export interface CleanupPreviewResult {
  transport: string;
  berthMedianMs: number;
  cliMedianMs: number;
  ratio: number;
}

/**
 * The preview of a full cleanup (all six kinds: containers, images, df, networks and their
 * inspects) over a held connection, against `docker system df -v` — the CLI's own per-object
 * listing of what takes space — in the same run, on the lab's prepared cleanup daemon (it only
 * reads: nothing is pruned). Over tcp and over SSH (the CLI through the lab sshd too).
 */
export async function benchCleanupPreview(options: { runs: number; cliRuns: number }): Promise<CleanupPreviewResult[]> {
  const lab = loadLabManifest();
  const cleanup = labCleanupDaemon(lab);
  prepareLabCleanup();
  const results: CleanupPreviewResult[] = [];
  for (const [label, transport] of [
    ['tcp', cleanup.transport],
    ['ssh', cleanup.sshTransport],
  ] as const) {
    const connection = await openDockerConnection(transport, { timeoutMs: 10_000, knownHosts: labKnownHosts(lab) });
    try {
      const berth = await timeRuns(options.runs, 3, () => readCleanupPreview('bench', { api: connection.api }, cleanupKinds, false));
      const invocation =
        label === 'ssh' ? dockerCliInvocation(lab, 'ssh', cleanup.socket) : { args: ['-H', cleanup.endpoint], env: process.env };
      const cli = await timeRuns(options.cliRuns, 1, () => {
        const run = spawnSync('docker', [...invocation.args, 'system', 'df', '-v'], {
          env: invocation.env,
          encoding: 'utf8',
          timeout: 60_000,
        });
        if (run.status !== 0) throw new Error(`docker system df -v failed: ${run.stderr}`);
      });
      results.push({ transport: label, berthMedianMs: median(berth), cliMedianMs: median(cli), ratio: median(berth) / median(cli) });
    } finally {
      await connection.close();
    }
  }
  return results;
}

export function printCleanupPreviewResults(results: CleanupPreviewResult[]): void {
  console.log('\nFull cleanup preview (6 kinds) vs `docker system df -v` — median, same run, lab cleanup daemon');
  console.log('transport  berth       docker CLI   ratio');
  for (const r of results)
    console.log(`${r.transport.padEnd(9)}  ${ms(r.berthMedianMs).padEnd(10)}  ${ms(r.cliMedianMs).padEnd(11)}  ${r.ratio.toFixed(3)}`);
}
