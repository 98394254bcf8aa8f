import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scrubSecrets, scrubUrlCredentials } from './scrub-secrets.js';

/**
 * Berth's crash report: what the browser shell and the Electron main process write when an
 * exception or a promise rejection reaches the top of the process (`uncaughtException`,
 * `unhandledRejection`) — a bug in Berth. It goes to stderr and, when a directory is given, to
 * `<dir>/crash-<time>.txt` (mode 0600) for the operator to attach to an issue. It holds the time,
 * Berth's version and shell, Node's version and platform, and the error's name, message, stack
 * and causes — every one of them scrubbed of the secrets Berth holds or is handling at that
 * moment, of PEM private keys, of URL credentials and of `password=`/`token=`-style values. It
 * never holds the environment, the command line, profiles or snapshots.
 */
export interface CrashReportMeta {
  app: string;
  version: string;
  shell: 'electron' | 'browser';
}

export type CrashKind = 'uncaught exception' | 'unhandled rejection';

const MAX_CAUSES = 5;
/** Characters kept of one field (a message, a stack), counted after scrubbing. */
export const CRASH_FIELD_LIMIT = 16_384;

/** Replaces known secrets and secret-looking text (private keys, URL passwords, key=value secrets). */
export function scrubCrashText(text: string, secrets: readonly string[]): string {
  return (
    scrubUrlCredentials(scrubSecrets(text, secrets))
      .replace(/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g, '[private key]')
      // Key material without its armour (a line of a PEM, a base64 secret): stack traces hold no such runs.
      .replace(/[A-Za-z0-9+/=]{40,}/g, '[long base64]')
      .replace(/\b(password|passphrase|passwd|pwd|secret|token)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, '$1$2[secret]')
  );
}

export function formatCrashReport(
  kind: CrashKind,
  error: unknown,
  secrets: readonly string[],
  meta: CrashReportMeta,
  now = new Date(),
): string {
  const lines = [
    'Berth crash report',
    `time: ${now.toISOString()}`,
    `app: ${meta.app} ${meta.version} (${meta.shell} shell), node ${process.version}, ${process.platform} ${process.arch}`,
    `what: ${kind}`,
  ];
  // Each field is scrubbed whole and only then cut: cutting first would leave the start of a
  // secret that crosses the cut, which no longer matches anything the scrubber knows.
  const clip = (text: string) => clipField(scrubCrashText(text, secrets));
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth += 1) {
    lines.push(...describe(current, depth === 0 ? 'error' : 'cause', clip));
    current = current instanceof Error ? current.cause : undefined;
  }
  lines.push('This is a bug in Berth. Please report it with this text; secrets were removed from it.');
  return `${scrubCrashText(lines.join('\n'), secrets)}\n`;
}

function describe(value: unknown, label: string, clip: (text: string) => string): string[] {
  try {
    if (value instanceof Error) {
      const { code: rawCode } = value as { code?: unknown };
      const code = typeof rawCode === 'string' ? ` [${rawCode}]` : '';
      const head = `${label}: ${value.name}${code}: ${clip(value.message)}`;
      // V8's stack starts with "Name: message" (the message may span lines): keep only the frames.
      const rawStack = typeof value.stack === 'string' ? value.stack : '';
      const frames = rawStack.split('\n').filter((line) => /^\s+at /.test(line));
      const stack = frames.join('\n');
      return stack === '' ? [head] : [head, clip(stack)];
    }
    return [`${label}: (${typeof value}) ${clip(String(value))}`];
  } catch {
    return [`${label}: (a value that cannot be described)`];
  }
}

function clipField(text: string): string {
  return text.length > CRASH_FIELD_LIMIT
    ? `${text.slice(0, CRASH_FIELD_LIMIT)}… (${text.length - CRASH_FIELD_LIMIT} more characters)`
    : text;
}

/** What the handler needs of `process` (an EventEmitter in tests). */
export type CrashTarget = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

export interface CrashHandlerOptions {
  meta: CrashReportMeta;
  /** The secrets to scrub, asked for at the moment of the crash (BerthService.secretsForScrubbing). */
  secrets: () => readonly string[];
  /** Where `crash-<time>.txt` goes (created 0700); none: stderr only. */
  dir?: string;
  /** Default: process.stderr. */
  write?: (text: string) => void;
  /** Default: process.exit. The process is in an unknown state after a crash: it ends. */
  exit?: (code: number) => void;
  target?: CrashTarget;
}

/** Installs the crash report on uncaught exceptions and unhandled rejections; returns a disposer. */
export function installCrashHandler(options: CrashHandlerOptions): () => void {
  const target = options.target ?? process;
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let reported = false;
  const report = (kind: CrashKind, error: unknown) => {
    if (reported) return;
    reported = true;
    let secrets: readonly string[] = [];
    try {
      secrets = options.secrets();
    } catch {
      // report without them rather than not at all
    }
    const text = formatCrashReport(kind, error, secrets, options.meta);
    let saved = '';
    if (options.dir) {
      try {
        mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        const file = path.join(options.dir, `crash-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
        writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
        saved = `The crash report was saved as ${file}.\n`;
      } catch {
        // stderr still has it
      }
    }
    try {
      write(`${text}${saved}`);
    } finally {
      exit(70);
    }
  };
  const onException = (error: unknown, origin?: string) =>
    report(origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception', error);
  const onRejection = (reason: unknown) => report('unhandled rejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
