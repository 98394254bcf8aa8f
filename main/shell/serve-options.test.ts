import { describe, expect, it } from 'vitest';
import { parseServeArgs, serveHelp } from './serve-options.js';

describe('berth serve arguments', () => {
  it('keeps secrets in memory by default', () => {
    const parsed = parseServeArgs(['--port', '0', '--data-dir', 'data'], {});
    expect(parsed).toMatchObject({ kind: 'serve', options: { port: 0, secretsPassphrase: undefined, useUserKnownHosts: true } });
  });

  it('reads the master passphrase from the named variable and removes it from the environment', () => {
    const env: NodeJS.ProcessEnv = { BERTH_MASTER: 'a long passphrase', OTHER: 'x' };
    const parsed = parseServeArgs(['--persist-secrets', '--secrets-passphrase-env', 'BERTH_MASTER'], env);
    expect(parsed).toMatchObject({ kind: 'serve', options: { secretsPassphrase: 'a long passphrase' } });
    expect(env).toEqual({ OTHER: 'x' });
  });

  it('refuses incomplete or unsafe combinations without echoing the passphrase', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [['--persist-secrets'], {}, /needs --secrets-passphrase-env VAR/],
      [['--secrets-passphrase-env', 'V'], { V: 'a long passphrase' }, /only used with --persist-secrets/],
      [['--persist-secrets', '--secrets-passphrase-env', 'V'], {}, /V .* is not set or empty/],
      [['--persist-secrets', '--secrets-passphrase-env', 'V'], { V: 'short12' }, /too short/],
      [['--persist-secrets', '--secrets-passphrase-env', 'not a name'], {}, /needs --secrets-passphrase-env VAR/],
      [['--port', '99999'], {}, /--port wants a port number/],
      [['--secrets-passphrase', 'on-the-command-line'], {}, /Unknown option/],
    ];
    for (const [argv, env, message] of cases) {
      const parsed = parseServeArgs(argv, env);
      expect(parsed).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(message) });
      expect(JSON.stringify(parsed)).not.toContain('short12');
    }
  });

  it('documents the options in --help', () => {
    expect(parseServeArgs(['--help'], {})).toEqual({ kind: 'help' });
    expect(serveHelp).toContain('--persist-secrets');
    expect(serveHelp).toContain('--secrets-passphrase-env VAR');
    expect(serveHelp).toContain('kept in memory only unless');
  });
});
