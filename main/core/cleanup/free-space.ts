import { FREE_SPACE_NOT_REPORTED, type FreeSpace, freeSpaceLevel } from '../../../shared/cleanup.js';
import { BerthError, toEnvelope } from '../errors.js';
import { singleQuote } from '../shell-quote.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { isSshTunnel } from '../transports/ssh-tunnel.js';
import { parseDfOutput } from '../../../shared/df-output.js';

const DF_TIMEOUT_MS = 10_000;
const SHOWN_OUTPUT_CHARS = 300;

/**
 * Free and total space of the filesystem holding the daemon's data root. The Engine API has no
 * such figure (moby#35629); on an SSH host Berth runs `df` over the SSH connection it already
 * holds (an exec channel, output kept to 64 KiB, a deadline). Other transports: not reported.
 * Any failure is `unknown` with the reason, never a guess.
 */
export async function readFreeSpace(connection: DockerConnection, rootDir: string | undefined, now = Date.now): Promise<FreeSpace> {
  if (!isSshTunnel(connection)) return { kind: 'not-reported', message: FREE_SPACE_NOT_REPORTED };
  if (!rootDir)
    return unknown(
      null,
      'The daemon did not report its root directory (DockerRootDir in /info), so Berth cannot tell where its data lives.',
    );
  const command = `LC_ALL=C df -B1 -P -- ${singleQuote(rootDir)}`;
  let result;
  try {
    result = await connection.exec(command, { timeoutMs: DF_TIMEOUT_MS });
  } catch (error) {
    return { kind: 'unknown', path: rootDir, reason: toEnvelope(error) };
  }
  const said = (result.stderr.trim() || result.stdout.trim()).slice(0, SHOWN_OUTPUT_CHARS);
  if (result.timedOut) return unknown(rootDir, `df did not finish within ${DF_TIMEOUT_MS / 1000} s on the host (a hung mount?).`);
  if (result.exitCode === 127)
    return unknown(rootDir, `The host has no df command (${said || 'command not found'}); install coreutils to see free space.`);
  if (result.exitCode !== 0)
    return unknown(
      rootDir,
      `df ${rootDir} failed on the host (exit ${result.exitCode ?? result.signal ?? 'unknown'}): ${said || 'no output'}.`,
    );
  const line = parseDfOutput(result.stdout);
  if (!line || line.usedBytes + line.availableBytes === 0)
    return unknown(
      rootDir,
      `df printed nothing Berth can read as sizes: ${result.stdout.trim().slice(0, SHOWN_OUTPUT_CHARS) || 'no output'}.`,
    );
  const usedFraction = line.usedBytes / (line.usedBytes + line.availableBytes);
  return {
    kind: 'measured',
    path: rootDir,
    filesystem: line.filesystem,
    mountedOn: line.mountedOn,
    totalBytes: line.totalBytes,
    usedBytes: line.usedBytes,
    availableBytes: line.availableBytes,
    usedFraction,
    level: freeSpaceLevel(usedFraction),
    source: 'df -B1 -P over SSH',
    readAt: now(),
  };
}

function unknown(path: string | null, message: string): FreeSpace {
  return { kind: 'unknown', path, reason: new BerthError('FREE_SPACE_UNKNOWN', message).toEnvelope() };
}
