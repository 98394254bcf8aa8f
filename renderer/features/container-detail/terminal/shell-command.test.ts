import { describe, expect, it } from 'vitest';
import { commandFor, decodeBase64, splitCommand } from './shell-command';

describe('splitCommand', () => {
  it('splits words and honours quotes and escapes', () => {
    expect(splitCommand(`  python3 -c "print('a b')" x\\ y ''`)).toEqual({ ok: true, argv: ['python3', '-c', "print('a b')", 'x y', ''] });
  });

  it('reports an unclosed quote and an empty command', () => {
    expect(splitCommand('sh -c "echo')).toEqual({ ok: false, error: 'The command has an unclosed " quote.' });
    expect(splitCommand('   ').ok).toBe(false);
  });

  it('maps the picker choices', () => {
    expect(commandFor('sh', 'ignored')).toEqual({ ok: true, argv: ['sh'] });
    expect(commandFor('bash', '')).toEqual({ ok: true, argv: ['bash'] });
    expect(commandFor('custom', '/bin/ash -l')).toEqual({ ok: true, argv: ['/bin/ash', '-l'] });
  });
});

describe('decodeBase64', () => {
  it('gives the bytes back, UTF-8 untouched', () => {
    const bytes = decodeBase64(btoa(String.fromCharCode(0xe2, 0x82, 0xac, 0x34, 0x32)));
    expect(new TextDecoder().decode(bytes)).toBe('€42');
  });
});
