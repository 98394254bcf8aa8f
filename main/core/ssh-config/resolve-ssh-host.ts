import type SSHConfig from 'ssh-config';
import { MAX_JUMP_HOSTS, type SshAuth, type SshHop } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import { UNHONOURED_DIRECTIVES } from './directives.js';
import { expandPath, expandPercent, type PercentTokens } from './percent-expand.js';
import { type JumpSpec, parseProxyJump } from './proxy-jump.js';
import { isSection, valuesOf } from './read-ssh-config.js';

/** What resolving reads from the machine, injected so the resolver stays pure. */
export interface SshConfigEnvironment {
  home: string;
  localUser: string;
  /** $SSH_AUTH_SOCK: the agent ssh uses unless IdentityAgent says otherwise. */
  agentSocket: string | undefined;
  /** Whether a key file exists (IdentityFile, and ssh's default keys). */
  fileExists(path: string): boolean;
}

/** One SSH hop as the config defines it, named by the alias it was looked up under. */
export interface ResolvedHop extends SshHop {
  alias: string;
}

/** An alias of ~/.ssh/config turned into what a Berth SSH transport holds (no secrets: key files and the agent only). */
export interface ResolvedSshHost {
  alias: string;
  hop: ResolvedHop;
  /** ProxyJump, flattened: a jump host's own ProxyJump comes before it, as ssh -J does. */
  jumpHosts: ResolvedHop[];
  keepaliveIntervalSeconds?: number;
  connectTimeoutSeconds?: number;
  knownHostsFiles?: string[];
  /** What differs from ssh (directives Berth does not honour), per alias. */
  notes: string[];
}

type Computed = Record<string, string | string[]>;

/** ssh's default identities, in the order it tries them (ssh_config(5), IdentityFile); security-key types are left out. */
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ed25519'];

/** The concrete names of Host lines (no patterns, no negations), in file order: what can be imported. */
export function listAliases(config: SSHConfig): string[] {
  const aliases: string[] = [];
  for (const line of config) {
    if (!isSection(line) || !/^host$/i.test(line.param)) continue;
    for (const name of valuesOf(line)) {
      if (!/[*?!]/.test(name) && !aliases.includes(name)) aliases.push(name);
    }
  }
  return aliases;
}

/**
 * Resolves an alias the way ssh does (`ssh -G alias`): the first value of each directive wins,
 * so `Host *` at the end supplies defaults; HostName, User, Port, IdentityFile with `~` and
 * % tokens, IdentitiesOnly and IdentityAgent, ProxyJump (each jump host looked up again, chains
 * of any length, loops refused), ServerAliveInterval, ConnectTimeout, UserKnownHostsFile.
 */
export function resolveSshHost(config: SSHConfig, alias: string, env: SshConfigEnvironment): ResolvedSshHost {
  if (!listAliases(config).includes(alias)) {
    throw new BerthError(
      'SSH_CONFIG_HOST_NOT_FOUND',
      `No Host entry in your ssh config matches "${alias}". Run \`berth ssh-config ls\` for the aliases it defines.`,
    );
  }
  const notes: string[] = [];
  const chain = resolveChain(config, { host: alias }, env, [], notes);
  const hop = chain.pop()!;
  if (chain.length > MAX_JUMP_HOSTS) {
    throw new BerthError(
      'SSH_CONFIG_UNSUPPORTED',
      `Host ${alias} goes through ${chain.length} jump hosts; Berth connects through at most ${MAX_JUMP_HOSTS}. Shorten its ProxyJump chain.`,
    );
  }
  const computed = computeFor(config, alias, undefined);
  const tokens = tokensFor(env, alias, hop);
  const keepalive = integer(computed, 'serveraliveinterval', alias, 0, 86_400);
  const connectTimeout = connectTimeoutOf(computed, alias);
  const knownHostsFiles = knownHostsFilesOf(computed, tokens);
  return {
    alias,
    hop,
    jumpHosts: chain,
    ...(keepalive !== undefined && { keepaliveIntervalSeconds: keepalive }),
    ...(connectTimeout !== undefined && { connectTimeoutSeconds: connectTimeout }),
    ...(knownHostsFiles !== undefined && { knownHostsFiles }),
    notes: [...new Set(notes)],
  };
}

/** The hops that reach `spec`, itself last. `stack` holds the aliases on the way to it, to find loops. */
function resolveChain(config: SSHConfig, spec: JumpSpec, env: SshConfigEnvironment, stack: string[], notes: string[]): ResolvedHop[] {
  const alias = spec.host;
  checkLoop(stack, alias);
  if (stack.length > MAX_JUMP_HOSTS * 4) {
    throw new BerthError('SSH_CONFIG_UNSUPPORTED', `ProxyJump chain through ${stack.join(' → ')} is too long for Berth. Shorten it.`);
  }
  const computed = computeFor(config, alias, spec.user);
  const hop = hopOf(computed, spec, env, notes, stack[0] ?? alias);
  const proxyCommand = first(computed, 'proxycommand');
  const proxyJump = first(computed, 'proxyjump');
  // ssh uses whichever of the two comes first; the computed values do not say which did, so ProxyJump wins over ProxyCommand.
  if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none' && proxyJump === undefined) {
    throw new BerthError(
      'SSH_CONFIG_UNSUPPORTED',
      `Host ${alias} is reached with ProxyCommand (${proxyCommand}), which Berth does not run. Use ProxyJump for a jump host, or add the host by hand.`,
    );
  }
  const [firstJump, ...laterJumps] = proxyJump === undefined ? [] : parseProxyJump(proxyJump, alias);
  if (firstJump === undefined) return [hop];
  // As ssh runs `ssh -J a,b c`: b is reached with `-J a`, which overrides b's own ProxyJump, and
  // only the first hop, a, is reached the way its own config says (its ProxyJump too).
  const inner = [...stack, alias];
  const before = resolveChain(config, firstJump, env, inner, notes);
  const later = laterJumps.map((jump) => {
    checkLoop([...inner, ...before.map((each) => each.alias)], jump.host);
    return hopOf(computeFor(config, jump.host, jump.user), jump, env, notes, stack[0] ?? alias);
  });
  return [...before, ...later, hop];
}

/** Refuses a chain that reaches `alias` again. */
function checkLoop(stack: string[], alias: string): void {
  const at = stack.findIndex((each) => each.toLowerCase() === alias.toLowerCase());
  if (at < 0) return;
  throw new BerthError(
    'SSH_CONFIG_PROXY_LOOP',
    `ProxyJump loops: ${[...stack.slice(at), alias].join(' → ')}. A host cannot be reached through itself; give one of them "ProxyJump none" in your ssh config.`,
  );
}

function hopOf(computed: Computed, spec: JumpSpec, env: SshConfigEnvironment, notes: string[], owner: string): ResolvedHop {
  const alias = spec.host;
  for (const [directive, note] of Object.entries(UNHONOURED_DIRECTIVES)) {
    if (
      computed[directive] !== undefined &&
      !(directive === 'stricthostkeychecking' && /^(yes|ask|accept-new)$/i.test(first(computed, directive) ?? ''))
    ) {
      notes.push(alias === owner ? note : `${alias}: ${note}`);
    }
  }
  const user = spec.user ?? first(computed, 'user') ?? env.localUser;
  const port = spec.port ?? integer(computed, 'port', alias, 1, 65535) ?? 22;
  const host = expandPercent(
    first(computed, 'hostname') ?? alias,
    { home: env.home, localUser: env.localUser, host: alias, alias },
    `Host ${alias}: HostName`,
  );
  if (!/^[A-Za-z0-9._:-]+$/.test(host) || host.length > 253) {
    throw new BerthError(
      'SSH_CONFIG_INVALID',
      `Host ${alias}: HostName "${host}" is not a host name or IP address. Fix it in your ssh config.`,
    );
  }
  const auth = authOf(computed, alias, tokensFor(env, alias, { host, port, user }), env, notes, owner);
  return { alias, host, port, user, auth };
}

/**
 * How ssh authenticates, in the one method a Berth hop holds: the IdentityFile named (the
 * first that exists); with none named, the agent (SSH_AUTH_SOCK or IdentityAgent) unless
 * IdentitiesOnly; else ssh's default key files.
 */
function authOf(
  computed: Computed,
  alias: string,
  tokens: PercentTokens,
  env: SshConfigEnvironment,
  notes: string[],
  owner: string,
): SshAuth {
  const named = all(computed, 'identityfile')
    .filter((file) => file.toLowerCase() !== 'none')
    .map((file) => ({ written: file, path: expandPath(file, tokens, `Host ${alias}: IdentityFile`) }));
  const identitiesOnly = first(computed, 'identitiesonly')?.toLowerCase() === 'yes';
  const agent = agentSocketOf(computed, alias, tokens, env);
  const prefix = alias === owner ? '' : `${alias}: `;
  if (named.length > 0) {
    const existing = named.find((file) => env.fileExists(file.path));
    if (existing === undefined) {
      throw new BerthError(
        'SSH_CONFIG_IDENTITY_MISSING',
        `Host ${alias}: IdentityFile ${named.map((file) => `${file.written} (${file.path})`).join(', ')} does not exist. Fix the path in your ssh config, or create the key with ssh-keygen.`,
      );
    }
    if (agent !== undefined && !identitiesOnly) {
      notes.push(
        `${prefix}ssh would also offer the agent's keys; Berth uses ${existing.path} alone (IdentitiesOnly yes makes ssh do the same).`,
      );
    }
    return { method: 'key', keyPath: existing.path };
  }
  if (agent !== undefined && !identitiesOnly) {
    return { method: 'agent', ...(agent.explicit && { agentSocket: agent.socket }) };
  }
  const fallback = DEFAULT_IDENTITIES.map((name) => `${env.home}/.ssh/${name}`).find((file) => env.fileExists(file));
  if (fallback !== undefined) return { method: 'key', keyPath: fallback };
  throw new BerthError(
    'SSH_CONFIG_IDENTITY_MISSING',
    `Host ${alias} names no IdentityFile, ${identitiesOnly ? 'IdentitiesOnly forbids the agent' : 'no ssh-agent is running (SSH_AUTH_SOCK is not set)'}, and none of ssh's default keys (~/.ssh/${DEFAULT_IDENTITIES.join(', ~/.ssh/')}) exists. Add an IdentityFile, start ssh-agent, or create a key with ssh-keygen.`,
  );
}

/** The agent socket ssh would use: IdentityAgent (none, SSH_AUTH_SOCK, $VAR or a path), else $SSH_AUTH_SOCK. */
function agentSocketOf(
  computed: Computed,
  alias: string,
  tokens: PercentTokens,
  env: SshConfigEnvironment,
): { socket: string; explicit: boolean } | undefined {
  const configured = first(computed, 'identityagent');
  if (configured === undefined || configured === 'SSH_AUTH_SOCK' || configured === '$SSH_AUTH_SOCK') {
    return env.agentSocket ? { socket: env.agentSocket, explicit: false } : undefined;
  }
  if (configured.toLowerCase() === 'none') return undefined;
  if (configured.startsWith('$')) {
    throw new BerthError(
      'SSH_CONFIG_UNSUPPORTED',
      `Host ${alias}: IdentityAgent ${configured} names an environment variable other than SSH_AUTH_SOCK, which Berth does not read. Write the socket path in your ssh config.`,
    );
  }
  return { socket: expandPath(configured, tokens, `Host ${alias}: IdentityAgent`), explicit: true };
}

function connectTimeoutOf(computed: Computed, alias: string): number | undefined {
  if (first(computed, 'connecttimeout')?.toLowerCase() === 'none') return undefined;
  return integer(computed, 'connecttimeout', alias, 1, 3_600);
}

function knownHostsFilesOf(computed: Computed, tokens: PercentTokens): string[] | undefined {
  const files = all(computed, 'userknownhostsfile').filter((file) => file.toLowerCase() !== 'none');
  if (files.length === 0) return undefined;
  return files.slice(0, 8).map((file) => expandPath(file, tokens, 'UserKnownHostsFile'));
}

function tokensFor(env: SshConfigEnvironment, alias: string, hop: { host: string; port: number; user: string }): PercentTokens {
  return { home: env.home, localUser: env.localUser, host: hop.host, remoteUser: hop.user, port: hop.port, alias };
}

/** ssh-config's compute with what is safe on a config Berth did not write: no `Match exec`, directive names lower-cased. */
function computeFor(config: SSHConfig, alias: string, user: string | undefined): Computed {
  return config.compute({ Host: alias, ...(user !== undefined && { User: user }) }, { ignoreCase: true, matchExec: false });
}

function first(computed: Computed, key: string): string | undefined {
  const value = computed[key];
  return Array.isArray(value) ? value[0] : value;
}

function all(computed: Computed, key: string): string[] {
  const value = computed[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** How ssh_config(5) spells the directives whose values are checked here. */
const DIRECTIVE_NAMES: Record<string, string> = {
  port: 'Port',
  serveraliveinterval: 'ServerAliveInterval',
  connecttimeout: 'ConnectTimeout',
};

function integer(computed: Computed, key: string, alias: string, min: number, max: number): number | undefined {
  const text = first(computed, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new BerthError(
      'SSH_CONFIG_INVALID',
      `Host ${alias}: ${DIRECTIVE_NAMES[key] ?? key} "${text}" is not a whole number from ${min} to ${max}. Fix it in your ssh config.`,
    );
  }
  return value;
}
