/** Where Berth puts its drop-in for docker.service. */
export const defaultSystemdDropInPath = '/etc/systemd/system/docker.service.d/berth-tls.conf';
export const defaultDaemonReloadCommand = 'systemctl daemon-reload';
/** Where Docker's own packages install dockerd (Debian's docker.io uses /usr/sbin/dockerd). */
export const fallbackDockerdPath = '/usr/bin/dockerd';

export interface SystemdDropIn {
  /** The file's text. */
  text: string;
  /** The ExecStart it sets. */
  execStart: string;
  /** Flags taken off the unit's command line, as they were written. */
  removedFlags: string[];
}

/**
 * The command line docker.service finally runs, from `systemctl cat docker.service`: the last
 * ExecStart= of the [Service] sections, where an empty ExecStart= clears the earlier ones (as
 * drop-ins do). Undefined when there is none.
 */
export function execStartOfUnit(unitText: string): string | undefined {
  let section = '';
  let execStart: string | undefined;
  const lines = unitText.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';') || line === '') continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    if (section !== 'Service') continue;
    const match = /^ExecStart\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = (match[1] ?? '').trim();
    execStart = value === '' ? undefined : value;
  }
  return execStart;
}

/** Flags that take a value, and that must leave the command line once daemon.json holds hosts and TLS. */
const conflictingWithValue = new Set(['-H', '--host', '--tlscacert', '--tlscert', '--tlskey']);
/** Boolean flags that conflict the same way (also written --flag=true / --flag=false). */
const conflictingBoolean = new Set(['--tls', '--tlsverify']);

/**
 * A drop-in that replaces docker.service's ExecStart with the same command minus the flags that
 * daemon.json now sets (-H/--host such as the stock `-H fd://`, and --tls*): dockerd refuses to
 * start when an option is both a flag and in daemon.json. Other flags (--containerd=…) are kept.
 * Without a known ExecStart, dockerd alone is run.
 */
export function systemdDropInFor(execStart: string | undefined, dockerdPath: string = fallbackDockerdPath): SystemdDropIn {
  const words = execStart === undefined ? [dockerdPath] : splitCommandLine(execStart);
  const kept: string[] = [];
  const removedFlags: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const [name = '', inlineValue] = splitFlag(word);
    if (index > 0 && conflictingWithValue.has(name)) {
      if (inlineValue !== undefined) {
        removedFlags.push(word);
      } else {
        const value = words[index + 1];
        removedFlags.push(value === undefined ? word : `${word} ${value}`);
        index++;
      }
      continue;
    }
    if (index > 0 && conflictingBoolean.has(name)) {
      removedFlags.push(word);
      continue;
    }
    kept.push(word);
  }
  const command = kept.join(' ');
  const text = [
    '# Written by Berth (TLS setup). dockerd reads its hosts and TLS settings from daemon.json,',
    '# and refuses to start when the command line sets them too (such as the stock -H fd://),',
    '# so ExecStart is cleared and set again without those flags.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${command}`,
    '',
  ].join('\n');
  return { text, execStart: command, removedFlags };
}

/** `--name=value` → [--name, value]; `-Hfd://` → [-H, fd://]; anything else → [word]. */
function splitFlag(word: string): [string, string?] {
  if (word.startsWith('--')) {
    const at = word.indexOf('=');
    return at < 0 ? [word] : [word.slice(0, at), word.slice(at + 1)];
  }
  if (word.startsWith('-H')) {
    if (word.startsWith('-H=')) return ['-H', word.slice(3)];
    return word.length > 2 ? ['-H', word.slice(2)] : ['-H'];
  }
  return [word];
}

/** Splits an ExecStart line into words, honouring systemd's double and single quotes. */
function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    if (match[1] !== undefined) words.push(`"${match[1]}"`);
    else if (match[2] !== undefined) words.push(`'${match[2]}'`);
    else if (match[3] !== undefined) words.push(match[3]);
  }
  return words;
}
