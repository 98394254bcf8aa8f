import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, ParsedKey } from 'ssh2';
import type { SshHop } from '../../../shared/profile.js';
import { BerthError, systemErrorCode } from '../errors.js';
import { readTextFile } from '../read-text-file.js';

const { utils } = ssh2;

/**
 * Asks for the passphrase of an encrypted key that the profile holds none for (e.g. from a
 * prompt or the OS keychain). Returning undefined means "none available".
 */
export type PassphraseProvider = (keyPath: string, hop: SshHop) => Promise<string | undefined> | string | undefined;

/** How a hop authenticates, resolved before any connection is opened. */
export interface PreparedAuth {
  method: AnyAuthMethod;
  /** The key file or agent socket in use, for messages. */
  credentialPath?: string;
}

const MAX_KEY_BYTES = 1024 * 1024;

/** `~/…` in a key path means the user's home directory, as in ssh_config. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return `${homedir()}${path.slice(1)}`;
  return path;
}

/**
 * Turns a hop's auth settings into an ssh2 auth method, failing early and precisely: key
 * files are read and decrypted here (so a missing file, a missing or wrong passphrase
 * never reach the server), and the agent socket must exist.
 */
export async function prepareAuth(hop: SshHop, passphraseFor?: PassphraseProvider): Promise<PreparedAuth> {
  const username = hop.user;
  switch (hop.auth.method) {
    case 'password':
      return { method: { type: 'password', username, password: hop.auth.password } };
    case 'agent': {
      const socket = hop.auth.agentSocket ?? process.env['SSH_AUTH_SOCK'];
      const agent = await checkAgentSocket(socket);
      return { method: { type: 'agent', username, agent }, credentialPath: agent };
    }
    case 'key': {
      const keyPath = expandHome(hop.auth.keyPath);
      const key = await loadPrivateKey(keyPath, hop.auth.passphrase, () => passphraseFor?.(keyPath, hop));
      return { method: { type: 'publickey', username, key }, credentialPath: keyPath };
    }
  }
}

/** The agent socket, once it is known to exist and be a socket. */
async function checkAgentSocket(socket: string | undefined): Promise<string> {
  if (socket === undefined || socket === '') {
    throw new BerthError(
      'SSH_AGENT_UNAVAILABLE',
      'No ssh-agent is available: SSH_AUTH_SOCK is not set for Berth. Start an agent (eval "$(ssh-agent)" and ssh-add), set the agent socket in the host profile, or use a key file.',
    );
  }
  // Windows named pipes (\\.\pipe\…) cannot be stat'ed usefully; ssh2 reports failures there.
  if (socket.startsWith('\\\\')) return socket;
  let isSocket: boolean;
  try {
    isSocket = (await stat(socket)).isSocket();
  } catch (error) {
    throw new BerthError(
      'SSH_AGENT_UNAVAILABLE',
      `No ssh-agent listens at ${socket} (${systemErrorCode(error) ?? 'unreadable'}). The agent may have exited: start it again and ssh-add your key, or fix the agent socket in the host profile.`,
      { cause: error },
    );
  }
  if (!isSocket) {
    throw new BerthError(
      'SSH_AGENT_UNAVAILABLE',
      `${socket} is not an ssh-agent socket. Fix the agent socket in the host profile (or SSH_AUTH_SOCK).`,
    );
  }
  return socket;
}

/**
 * Reads and parses a private key file. Encrypted keys are decrypted with `passphrase`, or
 * with what `askPassphrase` returns when the profile has none.
 */
export async function loadPrivateKey(
  keyPath: string,
  passphrase: string | undefined,
  askPassphrase?: () => Promise<string | undefined> | string | undefined,
): Promise<ParsedKey> {
  const data = await readTextFile(keyPath, 'SSH private key', 'Check the key path in the host profile.', MAX_KEY_BYTES);
  const plain = utils.parseKey(data);
  if (!(plain instanceof Error)) return privateKeyOf(plain, keyPath);
  if (!/no passphrase given/i.test(plain.message)) {
    throw new BerthError(
      'SSH_KEY_INVALID',
      `${keyPath} is not a private key Berth can read (${plain.message}). Choose an OpenSSH, PEM or PuTTY private key file (not the .pub file).`,
      { cause: plain },
    );
  }
  const secret = passphrase ?? (await askPassphrase?.());
  if (secret === undefined || secret === '') {
    throw new BerthError(
      'SSH_KEY_PASSPHRASE_REQUIRED',
      `The private key ${keyPath} is protected by a passphrase. Enter its passphrase, or use ssh-agent instead.`,
    );
  }
  const decrypted = utils.parseKey(data, secret);
  if (decrypted instanceof Error) {
    // Never put the passphrase (or ssh2's message, which is generic) into what we show.
    throw new BerthError('SSH_KEY_PASSPHRASE_WRONG', `The passphrase for the private key ${keyPath} is wrong. Enter it again.`);
  }
  return privateKeyOf(decrypted, keyPath);
}

function privateKeyOf(parsed: ParsedKey | ParsedKey[], keyPath: string): ParsedKey {
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || !key.isPrivateKey()) {
    throw new BerthError(
      'SSH_KEY_INVALID',
      `${keyPath} holds a public key, not a private key. Choose the private key file (usually the same name without .pub).`,
    );
  }
  return key;
}
