/**
 * Quoting for a POSIX shell: the one home of it for every command Berth shows or runs (the TLS
 * wizard's commands, the install over SSH, the remote-socket diagnosis).
 */

/** Characters that need no quoting anywhere in a word. `~` and a leading `=` are not among them. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Always single-quotes, so a command reads the same whatever the word holds. */
export function singleQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Quotes a word only when it needs it. A `~` anywhere is quoted (a shell expands it at the start
 * of a word and after `=` or `:` in an assignment), and so is a leading `=` (zsh's `=command`).
 */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE_WORD.test(word) && !word.startsWith('=')) return word;
  return singleQuote(word);
}
