/** The shells offered by the terminal's picker; 'custom' takes a command line. */
export type ShellChoice = 'sh' | 'bash' | 'custom';

/**
 * A command line → argv, as a shell would split it for simple cases: words separated by
 * spaces, single or double quotes group, backslash escapes the next character. No variables
 * or globbing: the daemon runs the argv as given.
 */
export function splitCommand(line: string): { ok: true; argv: string[] } | { ok: false; error: string } {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `The command has an unclosed ${quote} quote.` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, error: 'Give a command to run, e.g. /bin/ash or python3 -i.' };
  return { ok: true, argv };
}

export function commandFor(choice: ShellChoice, custom: string): ReturnType<typeof splitCommand> {
  if (choice === 'sh') return { ok: true, argv: ['sh'] };
  if (choice === 'bash') return { ok: true, argv: ['bash'] };
  return splitCommand(custom);
}

/** Base64 from main → bytes for xterm (which decodes UTF-8 across chunk boundaries itself). */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
