import { BerthError } from '../errors.js';

/** One hop of a ProxyJump value: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export interface JumpSpec {
  host: string;
  user?: string;
  port?: number;
}

/**
 * Parses a ProxyJump value into its hops, in the order they are reached. `none` is no hop.
 * The host of each hop is an alias that is looked up in the config again, as ssh does.
 */
export function parseProxyJump(value: string, alias: string): JumpSpec[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((part) => parseJumpSpec(part.trim(), alias, value));
}

function parseJumpSpec(text: string, alias: string, whole: string): JumpSpec {
  const invalid = () =>
    new BerthError(
      'SSH_CONFIG_INVALID',
      `Host ${alias}: ProxyJump ${whole} has a hop "${text}" that is not [user@]host[:port]. Fix it in ~/.ssh/config.`,
    );
  const rest = text.startsWith('ssh://') ? text.slice('ssh://'.length).replace(/\/$/, '') : text;
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : undefined;
  const hostPort = at >= 0 ? rest.slice(at + 1) : rest;
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort) ?? /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
  if (!match || match[1] === undefined || user === '') throw invalid();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw invalid();
  return { host: match[1], ...(user !== undefined && { user }), ...(port !== undefined && { port }) };
}
