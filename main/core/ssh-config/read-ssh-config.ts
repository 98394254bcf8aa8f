import { glob, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import SSHConfig, { type Directive, type Line, LineType, type Section } from 'ssh-config';
import { BerthError, systemErrorCode } from '../errors.js';
import { OPENSSH_DIRECTIVES } from './directives.js';
import { expandPath } from './percent-expand.js';

/** Something worth telling the operator about the config that does not stop the import. */
export interface SshConfigNote {
  file: string;
  /** 1-based; 0 when the line could not be told. */
  line: number;
  message: string;
}

/** ~/.ssh/config with every Include in place: what `compute` reads. */
export interface LoadedSshConfig {
  /** The file read first. */
  file: string;
  config: SSHConfig;
  notes: SshConfigNote[];
}

export interface ReadSshConfigOptions {
  /** The local user's home: `~`, `%d`, and where relative Include paths start (~/.ssh). */
  home: string;
  localUser: string;
}

/** As OpenSSH's READCONF_MAX_DEPTH: deeper nesting is a loop of Includes. */
const MAX_INCLUDE_DEPTH = 16;
const MAX_FILES = 256;
/** No ssh config is larger; a bigger file is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

interface Walk {
  files: number;
  notes: SshConfigNote[];
  options: ReadSshConfigOptions;
}

/**
 * Reads an ssh config file and the files its `Include` directives name (globs, relative to
 * ~/.ssh, as ssh does for the user's config), flattened into one SSHConfig in reading order.
 * An Include inside a Host or Match block applies only under that block's condition, as in ssh.
 * An Include that matches no file is ignored with a note (ssh ignores it too); an unreadable
 * file, one that does not parse, or Includes nested more than 16 deep are errors.
 */
export async function readSshConfig(file: string, options: ReadSshConfigOptions): Promise<LoadedSshConfig> {
  const walk: Walk = { files: 0, notes: [], options };
  const lines = await readLines(file, walk, 0);
  const config = new SSHConfig();
  for (const line of lines) config.push(line);
  return { file, config, notes: walk.notes };
}

async function readLines(file: string, walk: Walk, depth: number): Promise<Line[]> {
  if (depth > MAX_INCLUDE_DEPTH) {
    throw new BerthError(
      'SSH_CONFIG_INVALID',
      `${file} is included more than ${MAX_INCLUDE_DEPTH} levels deep: the Include directives of your ssh config form a loop. Fix them.`,
    );
  }
  if (++walk.files > MAX_FILES) {
    throw new BerthError(
      'SSH_CONFIG_INVALID',
      `Your ssh config includes more than ${MAX_FILES} files; Berth stops there. Check its Include directives.`,
    );
  }
  const text = await readConfigText(file);
  let parsed: SSHConfig;
  try {
    parsed = SSHConfig.parse(text);
  } catch (error) {
    throw new BerthError(
      'SSH_CONFIG_INVALID',
      `${file} is not a valid ssh config (${(error as Error).message}). Fix it; \`ssh -G host\` shows what ssh makes of it.`,
      {
        cause: error,
      },
    );
  }
  const lineOf = lineFinder(text);
  const ignored = ignoredUnknown(parsed);
  const out: Line[] = [];
  for (const line of parsed) {
    if (line.type !== LineType.DIRECTIVE) continue;
    if (isSection(line)) {
      out.push(...(await sectionLines(line, file, walk, depth, lineOf, ignored)));
    } else if (/^include$/i.test(line.param)) {
      out.push(...(await includeLines(line, file, walk, depth, lineOf)));
    } else if (known(line, file, walk, lineOf, ignored)) {
      out.push(line);
    }
  }
  return out;
}

/** A Host/Match block; an Include inside it splices the included lines under the same condition. */
async function sectionLines(
  section: Section,
  file: string,
  walk: Walk,
  depth: number,
  lineOf: LineFinder,
  ignored: (param: string) => boolean,
): Promise<Line[]> {
  const out: Line[] = [];
  let current = blockLike(section);
  for (const line of section.config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    if (/^include$/i.test(line.param)) {
      out.push(current);
      // Included files start under this block's condition: their top-level lines join it.
      const included = await includeLines(line, file, walk, depth, lineOf);
      current = blockLike(section);
      for (const each of included) {
        if (isSection(each)) {
          out.push(current, each);
          // After an included Host block, the rest of this block is under its own condition again.
          current = blockLike(section);
        } else {
          current.config.push(each);
        }
      }
      continue;
    }
    if (known(line, file, walk, lineOf, ignored)) current.config.push(line);
  }
  out.push(current);
  // The first copy stays even when empty: it is how the alias is listed.
  const first = out[0];
  return out.filter((each) => each === first || !isSection(each) || each.config.length > 0);
}

/** An empty copy of a Host/Match line, to hold directives under the same condition. */
function blockLike(section: Section): Section {
  const copy = { ...section, config: new SSHConfig() } as Section;
  return copy;
}

async function includeLines(line: Directive, file: string, walk: Walk, depth: number, lineOf: LineFinder): Promise<Line[]> {
  const patterns = valuesOf(line);
  const out: Line[] = [];
  for (const pattern of patterns) {
    const expanded = expandPath(pattern, { home: walk.options.home, localUser: walk.options.localUser }, 'Include');
    const absolute = path.isAbsolute(expanded) ? expanded : path.join(walk.options.home, '.ssh', expanded);
    const matches = await globFiles(absolute);
    if (matches.length === 0) {
      walk.notes.push({
        file,
        line: lineOf('include', pattern),
        message: `Include ${pattern} matched no file (${absolute}); ignored, as ssh ignores it.`,
      });
      continue;
    }
    for (const match of matches) out.push(...(await readLines(match, walk, depth + 1)));
  }
  return out;
}

async function globFiles(pattern: string): Promise<string[]> {
  if (!/[*?[]/.test(pattern)) return (await stat(pattern).catch(() => undefined)) ? [pattern] : [];
  const found: string[] = [];
  for await (const match of glob(pattern)) found.push(match);
  // ssh reads glob matches in sorted order.
  return found.sort();
}

async function readConfigText(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BerthError('SSH_CONFIG_INVALID', `${file} is not a file. Point Berth at your ssh config file.`);
    if (info.size > MAX_FILE_BYTES) {
      throw new BerthError(
        'SSH_CONFIG_INVALID',
        `${file} is ${info.size} bytes: no ssh config is that large. Point Berth at your ssh config file.`,
      );
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof BerthError) throw error;
    const code = systemErrorCode(error);
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable by Berth (permission denied)'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new BerthError('FILE_UNREADABLE', `The ssh config ${file} ${why}. Create it, fix its permissions, or give another file.`, {
      cause: error,
    });
  }
}

/** Notes an unknown directive (not an OpenSSH keyword, nor named by IgnoreUnknown); false drops it. */
function known(line: Directive, file: string, walk: Walk, lineOf: LineFinder, ignored: (param: string) => boolean): boolean {
  const param = line.param.toLowerCase();
  if (OPENSSH_DIRECTIVES.has(param)) return true;
  if (!ignored(param)) {
    walk.notes.push({ file, line: lineOf(param), message: `Unknown directive "${line.param}": ignored.` });
  }
  return false;
}

/** IgnoreUnknown's patterns (first value wins, like any directive): unknown directives they match are dropped silently. */
function ignoredUnknown(config: SSHConfig): (param: string) => boolean {
  const line = config.find((each) => each.type === LineType.DIRECTIVE && /^ignoreunknown$/i.test(each.param)) as Directive | undefined;
  const patterns = line ? valuesOf(line).flatMap((value) => value.split(',')) : [];
  const regexes = patterns.map(
    (pattern) =>
      new RegExp(
        `^${pattern
          .toLowerCase()
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
  return (param) => regexes.some((regex) => regex.test(param));
}

export function valuesOf(line: Directive): string[] {
  return typeof line.value === 'string' ? line.value.split(/\s+/).filter(Boolean) : line.value.map((each) => each.val);
}

export function isSection(line: Line): line is Section {
  return line.type === LineType.DIRECTIVE && 'config' in line;
}

type LineFinder = (param: string, value?: string) => number;

/**
 * The line (1-based) of the next occurrence of a directive in `text`, with `value` on it when
 * given, for notes: the parser keeps no line numbers. 0 when not found.
 */
function lineFinder(text: string): LineFinder {
  const lines = text.split(/\r?\n/);
  const seen = new Map<string, number>();
  return (param, value) => {
    const key = `${param}\u0000${value ?? ''}`;
    const from = seen.get(key) ?? 0;
    const directive = new RegExp(`^\\s*${param.replace(/[^a-z0-9]/gi, '')}(\\s|=)`, 'i');
    const index = lines.findIndex((line, at) => at >= from && directive.test(line) && (value === undefined || line.includes(value)));
    if (index < 0) return 0;
    seen.set(key, index + 1);
    return index + 1;
  };
}
