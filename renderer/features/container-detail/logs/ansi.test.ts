import { describe, expect, it } from 'vitest';
import { applySgr, parseAnsi, stripAnsi, styleClasses, xterm256 } from './ansi';

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world').segments).toEqual([{ text: 'hello world', style: {} }]);
    expect(parseAnsi('').segments).toEqual([]);
  });

  it('splits on SGR codes and resets', () => {
    const { segments, style } = parseAnsi('\u001b[1;31mERROR\u001b[0m done \u001b[32mok');
    expect(segments).toEqual([
      { text: 'ERROR', style: { bold: true, fg: 'ansi-1' } },
      { text: ' done ', style: {} },
      { text: 'ok', style: { fg: 'ansi-2' } },
    ]);
    expect(style).toEqual({ fg: 'ansi-2' });
  });

  it('reads bright, 256 and true colours and drops other escape sequences', () => {
    const { segments } = parseAnsi('\u001b[94ma\u001b[38;5;196mb\u001b[48;2;1;2;3mc\u001b[2K\u001b]0;title\u0007d');
    expect(segments.map((segment) => segment.text).join('')).toBe('abcd');
    expect(segments[0]?.style.fg).toBe('ansi-bright-4');
    expect(segments[1]?.style.fg).toBe('rgb(255, 0, 0)');
    expect(segments[2]?.style.bg).toBe('rgb(1, 2, 3)');
  });

  it('ignores malformed extended colours without throwing', () => {
    expect(applySgr({}, '38;5;999')).toEqual({});
    expect(applySgr({}, '38;2;1')).toEqual({});
    expect(applySgr({ bold: true }, '')).toEqual({});
  });

  it('strips exactly what parseAnsi drops', () => {
    const line = '\u001b[1mA\u001b[0m\u001b[?25lB\u001b(C';
    expect(stripAnsi(line)).toBe(
      parseAnsi(line)
        .segments.map((segment) => segment.text)
        .join(''),
    );
  });
});

describe('styleClasses', () => {
  it('turns palette colours into classes and rgb colours into inline colours', () => {
    expect(styleClasses({ fg: 'ansi-1', bold: true })).toEqual({ className: 'ansi-fg-1 ansi-bold' });
    expect(styleClasses({ fg: 'rgb(1, 2, 3)', bg: 'ansi-bright-2' })).toEqual({ className: 'ansi-bg-bright-2', color: 'rgb(1, 2, 3)' });
  });

  it('swaps colours for inverse', () => {
    expect(styleClasses({ inverse: true, fg: 'ansi-1' }).className).toBe('ansi-fg-inverse-fg ansi-bg-1');
  });

  it('maps the 256-colour cube and grey ramp', () => {
    expect(xterm256(16)).toBe('rgb(0, 0, 0)');
    expect(xterm256(231)).toBe('rgb(255, 255, 255)');
    expect(xterm256(232)).toBe('rgb(8, 8, 8)');
  });
});
