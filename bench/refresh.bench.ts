import { LAB_DAEMON_NAMES, loadLabManifest } from '../e2e/lab/manifest.js';
import { labKnownHosts } from '../e2e/support/lab-hosts.js';
import { readSnapshot } from '../main/core/snapshot-reader.js';
import { openDockerConnection } from '../main/core/transports/docker-connection.js';
import { isSshTunnel } from '../main/core/transports/ssh-tunnel.js';
import { dockerCliInvocation, dockerCliRefresh } from './docker-cli.js';
import { median, ms, timeRuns } from './stats.js';

export interface RefreshResult {
  transport: string;
  berthMedianMs: number;
  cliMedianMs: number;
  ratio: number;
  sshConnections?: number;
  sshChannels?: number;
}

/**
 * Warm refresh (summary + containers + disk usage) over the held connection, against the
 * docker CLI doing the same work (`docker info`, `docker ps -a`, `docker system df`) in the
 * same run. For SSH, also how many SSH connections a hundred refreshes opened.
 */
export async function benchRefresh(options: { runs: number; cliRuns: number }): Promise<RefreshResult[]> {
  const lab = loadLabManifest();
  const results: RefreshResult[] = [];
  for (const daemon of LAB_DAEMON_NAMES) {
    const connection = await openDockerConnection(lab.daemons[daemon].transport, { timeoutMs: 10_000, knownHosts: labKnownHosts(lab) });
    try {
      const berth = await timeRuns(options.runs, 3, () => readSnapshot(connection.api, daemon));
      const invocation = dockerCliInvocation(lab, daemon);
      const cli = await timeRuns(options.cliRuns, 1, () => dockerCliRefresh(invocation));
      const result: RefreshResult = {
        transport: daemon,
        berthMedianMs: median(berth),
        cliMedianMs: median(cli),
        ratio: median(berth) / median(cli),
      };
      if (isSshTunnel(connection)) {
        const before = connection.sshStats().sshChannels;
        for (let i = 0; i < 100; i += 1) await readSnapshot(connection.api, daemon);
        result.sshConnections = connection.sshStats().sshConnections;
        result.sshChannels = connection.sshStats().sshChannels - before;
      }
      results.push(result);
    } finally {
      await connection.close();
    }
  }
  return results;
}

export function printRefreshResults(results: RefreshResult[]): void {
  console.log('\nWarm refresh (summary + containers + disk usage) — median, Berth vs docker CLI in the same run');
  console.log('transport  berth       docker CLI   ratio   target ≤ 0.33');
  for (const r of results) {
    const ssh =
      r.sshConnections === undefined ? '' : `   100 refreshes: ${r.sshConnections} SSH connection(s), ${r.sshChannels} new channel(s)`;
    console.log(
      `${r.transport.padEnd(9)}  ${ms(r.berthMedianMs).padEnd(10)}  ${ms(r.cliMedianMs).padEnd(11)}  ${r.ratio.toFixed(3).padEnd(6)}  ${r.ratio <= 1 / 3 ? 'ok' : 'MISSED'}${ssh}`,
    );
  }
}
