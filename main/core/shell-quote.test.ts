import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, singleQuote } from './shell-quote.js';

/** What `sh` makes of `printf %s <quoted>`: the word itself when the quoting is right. */
function throughShell(quoted: string): string {
  return execFileSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8', env: { HOME: '/home/someone', PATH: process.env.PATH } });
}

describe('shellQuote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('/etc/docker/tls/ca.pem')).toBe('/etc/docker/tls/ca.pem');
    expect(shellQuote('--tlscacert=ca.pem')).toBe('--tlscacert=ca.pem');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("/tmp/it's; rm -rf /")).toBe("'/tmp/it'\\''s; rm -rf /'");
  });

  it('quotes a leading ~ or = and a ~ anywhere, which a shell would expand', () => {
    expect(shellQuote('~/certs')).toBe("'~/certs'");
    expect(shellQuote('~root')).toBe("'~root'");
    expect(shellQuote('=ls')).toBe("'=ls'");
    expect(shellQuote('a:~/b')).toBe("'a:~/b'");
  });

  it('round-trips every word through a real sh', () => {
    for (const word of ['~/certs', '~', '=ls', 'a b', "it's", '$HOME', '`id`', '*', 'x;y', '-n', '\\', 'plain/path.pem']) {
      expect(throughShell(shellQuote(word)), word).toBe(word);
      expect(throughShell(singleQuote(word)), word).toBe(word);
    }
  });
});
