import { BerthError } from '../errors.js';

/** What OpenSSH's % tokens stand for in a path (ssh_config(5), TOKENS). */
export interface PercentTokens {
  /** %d: the local user's home directory. */
  home: string;
  /** %u: the local user name. */
  localUser: string;
  /** %h: the remote host name (after HostName). */
  host?: string;
  /** %r: the remote user name. */
  remoteUser?: string;
  /** %p: the remote port. */
  port?: number;
  /** %n: the alias as given (before HostName). */
  alias?: string;
}

/**
 * Expands a leading `~` (the home directory) and OpenSSH's `%d %u %h %r %p %n %%` tokens, as
 * ssh does for IdentityFile, UserKnownHostsFile and IdentityAgent. A token Berth cannot fill
 * is an error naming the directive, never left in the path.
 */
export function expandPath(value: string, tokens: PercentTokens, directive: string): string {
  const tilde = value === '~' ? tokens.home : value.startsWith('~/') ? `${tokens.home}${value.slice(1)}` : value;
  return expandPercent(tilde, tokens, directive);
}

export function expandPercent(value: string, tokens: PercentTokens, directive: string): string {
  return value.replace(/%(.?)/g, (whole, token: string) => {
    const replacement = tokenValue(token, tokens);
    if (replacement === undefined) {
      const what = token === '' ? 'a lone % at the end' : `%${token}`;
      throw new BerthError(
        'SSH_CONFIG_UNSUPPORTED',
        `${directive} ${value} uses ${what}, which Berth cannot expand (it knows %d %u %h %r %p %n and %%). Write the path out in ~/.ssh/config.`,
      );
    }
    return replacement;
  });
}

function tokenValue(token: string, tokens: PercentTokens): string | undefined {
  switch (token) {
    case '%':
      return '%';
    case 'd':
      return tokens.home;
    case 'u':
      return tokens.localUser;
    case 'h':
      return tokens.host;
    case 'r':
      return tokens.remoteUser;
    case 'p':
      return tokens.port === undefined ? undefined : String(tokens.port);
    case 'n':
      return tokens.alias;
    default:
      return undefined;
  }
}
