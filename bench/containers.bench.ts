import { spawnSync } from 'node:child_process';
import type { LogLine } from '../shared/containers.js';
import { labDockerArgs, loadLabManifest } from '../e2e/lab/manifest.js';
import { labKnownHosts } from '../e2e/support/lab-hosts.js';
import { ExecSession } from '../main/core/containers/exec-session.js';
import { FrameDemuxer } from '../main/core/containers/frame-demuxer.js';
import { LogLineSplitter } from '../main/core/containers/log-line-splitter.js';
import { LogsStream } from '../main/core/containers/logs-stream.js';
import { type DockerConnection, openDockerConnection } from '../main/core/transports/docker-connection.js';
import { dockerCliInvocation } from './docker-cli.js';
import { median, ms, timeRuns } from './stats.js';

export interface ContainersBenchResult {
  lines: number;
  parseMs: number;
  daemonReadMs: number;
  dockerLogsMs: number;
  execKeystrokeMs: number;
  execSessionMs: number;
  dockerExecMs: number;
  runs: number;
}

/**
 * The logs pipeline and the exec round trip. Logs: 100,000 framed lines parsed in process (core
 * only: demultiplexer + line splitter), then the same count read from a lab container over tcp by
 * LogsStream against `docker logs` of it. Exec over SSH: a keystroke echoed in an open Berth
 * terminal, a whole Berth terminal (open, echo, close with cleanup), and `docker exec` of the
 * docker CLI over ssh:// (dial-stdio through the lab sshd) — each run a new exec, like Berth's session.
 */
export async function benchContainers(options: { lines: number; runs: number }): Promise<ContainersBenchResult> {
  const lab = loadLabManifest();
  const reads = framedLines(options.lines);
  const parseMs = median(await timeRuns(3, 1, () => parseFramed(reads)));
  const logsName = `berth-bench-logs-${process.pid}`;
  const execName = `berth-bench-exec-${process.pid}`;
  const tcp = labDockerArgs(lab, 'tcp');
  const ssh = labDockerArgs(lab, 'ssh');
  run(['docker', ...tcp, 'run', '-d', '--network', 'none', '--name', logsName, lab.image, 'sh', '-c', `seq 1 ${options.lines}; sleep 600`]);
  run(['docker', ...ssh, 'run', '-d', '--network', 'none', '--name', execName, lab.image, 'sleep', '600']);
  const tcpConnection = await openDockerConnection(lab.daemons.tcp.transport, { timeoutMs: 30_000, knownHosts: labKnownHosts(lab) });
  const sshConnection = await openDockerConnection(lab.daemons.ssh.transport, { timeoutMs: 30_000, knownHosts: labKnownHosts(lab) });
  try {
    await waitFor(() => run(['docker', ...tcp, 'logs', '--tail', '1', logsName]).trim() === String(options.lines));
    const daemonReadMs = median(await timeRuns(3, 1, () => readAll(tcpConnection, logsName, options.lines)));
    const dockerLogsMs = median(await timeRuns(3, 1, () => run(['docker', ...tcp, 'logs', logsName])));
    const { keystroke, session } = await execRoundTrips(sshConnection, execName, options.runs);
    const cli = dockerCliInvocation(lab, 'ssh');
    const dockerExecMs = median(
      await timeRuns(options.runs, 1, () => run(['docker', ...cli.args, 'exec', execName, 'echo', 'berth'], cli.env)),
    );
    return {
      lines: options.lines,
      parseMs,
      daemonReadMs,
      dockerLogsMs,
      execKeystrokeMs: keystroke,
      execSessionMs: session,
      dockerExecMs,
      runs: options.runs,
    };
  } finally {
    await tcpConnection.close();
    await sshConnection.close();
    spawnSync('docker', [...tcp, 'rm', '-f', logsName]);
    spawnSync('docker', [...ssh, 'rm', '-f', execName]);
  }
}

export function printContainersResults(result: ContainersBenchResult): void {
  console.log(`\nLogs pipeline, ${result.lines.toLocaleString('en')} lines — median of 3`);
  console.log(`  parse in process (demultiplex + split + timestamps)  ${ms(result.parseMs)}`);
  console.log(`  Berth LogsStream from the tcp lab daemon              ${ms(result.daemonReadMs)}`);
  console.log(`  docker logs (CLI process, same container)             ${ms(result.dockerLogsMs)}`);
  console.log(`\nExec over SSH — median of ${result.runs}`);
  console.log(`  Berth: keystroke → echo in an open terminal           ${ms(result.execKeystrokeMs)}`);
  console.log(`  Berth: whole terminal (open, echo, close + cleanup)   ${ms(result.execSessionMs)}`);
  console.log(`  docker -H ssh://… exec NAME echo (CLI process)        ${ms(result.dockerExecMs)}`);
}

function framedLines(count: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const payload = Buffer.from(`2024-05-01T10:00:00.${String(i).padStart(9, '0')}Z line ${i} of the benchmark\n`);
    const header = Buffer.alloc(8);
    header[0] = i % 10 === 0 ? 2 : 1;
    header.writeUInt32BE(payload.length, 4);
    chunks.push(header, payload);
  }
  // As the socket delivers them: 64 KB reads cutting frames anywhere.
  const all = Buffer.concat(chunks);
  const reads: Buffer[] = [];
  for (let offset = 0; offset < all.length; offset += 65_536) reads.push(all.subarray(offset, offset + 65_536));
  return reads;
}

function parseFramed(reads: Buffer[]): number {
  let count = 0;
  const onLine = (_line: LogLine) => {
    count += 1;
  };
  const splitters = { stdout: new LogLineSplitter('stdout', onLine), stderr: new LogLineSplitter('stderr', onLine) };
  const demuxer = new FrameDemuxer((stream, bytes, start) => splitters[stream].push(bytes, start));
  for (const read of reads) demuxer.push(read);
  return count;
}

async function readAll(connection: DockerConnection, container: string, expected: number): Promise<void> {
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = new LogsStream({
      container,
      follow: false,
      tail: 'all',
      connection: () => connection,
      emit: (event) => {
        if (event.type === 'lines') count += event.lines.length;
        if (event.type !== 'ended') return;
        if (count === expected) resolve();
        else reject(new Error(`read ${count} of ${expected} lines`));
      },
    });
    stream.open().catch(reject);
  });
}

/** An 80×24 `sh` terminal in the container whose output goes to `onText`. */
function shellSession(connection: DockerConnection, container: string, onText: (text: string) => void): ExecSession {
  return new ExecSession({
    connection,
    container,
    command: ['sh'],
    cols: 80,
    rows: 24,
    emit: (event) => {
      if (event.type === 'output') onText(Buffer.from(event.data, 'base64').toString('utf8'));
    },
  });
}

async function execRoundTrips(
  connection: DockerConnection,
  container: string,
  runs: number,
): Promise<{ keystroke: number; session: number }> {
  let output = '';
  const session = shellSession(connection, container, (text) => (output += text));
  await session.open();
  const keystrokes = await timeRuns(runs, 2, async () => {
    output = '';
    const marker = Math.random().toString(36).slice(2, 8);
    session.write(`echo ${marker}\r`);
    await waitFor(() => output.includes(`\r\n${marker}\r\n`), 5);
  });
  await session.close();
  const sessions = await timeRuns(runs, 1, async () => {
    let text = '';
    const whole = shellSession(connection, container, (chunk) => (text += chunk));
    await whole.open();
    whole.write('echo berth\r');
    await waitFor(() => text.includes('\r\nberth\r\n'), 5);
    await whole.close();
  });
  return { keystroke: median(keystrokes), session: median(sessions) };
}

function run(argv: string[], env: NodeJS.ProcessEnv = process.env): string {
  const [command = 'docker', ...args] = argv;
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

async function waitFor(check: () => boolean, intervalMs = 50, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
