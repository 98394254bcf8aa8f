/** The longest passphrase read from the terminal (the vault accepts at most 1,024 characters). */
const MAX_CHARS = 1024;

/**
 * Reads one line from the terminal with echo off (raw mode), writing the prompt to stderr so
 * stdout stays clean for --json. Ctrl-C cancels with the usual status 130; Backspace works.
 */
export function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let typed = '';
    const finish = () => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          finish();
          process.exit(130);
        } else if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(typed);
          return;
        } else if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (typed.length < MAX_CHARS && char >= ' ') typed += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
