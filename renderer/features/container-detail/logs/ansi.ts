/**
 * ANSI SGR (colour and style) escape sequences → styled segments, so log lines keep the
 * colours a program printed without ever becoming HTML. Other escape sequences (cursor moves,
 * titles) are dropped; the text between them is kept.
 */
export interface AnsiStyle {
  /** A palette class (`ansi-fg-1`, `ansi-fg-bright-4`) or an `rgb(…)` for 256/true colours. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

// CSI … final byte, OSC … BEL/ST, and lone two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[([0-9;:?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;

const STANDARD_NAMES = 8;

/** The xterm 256-colour palette entry `index` (16…255) as an rgb() string; 0…15 are palette classes. */
export function xterm256(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const cube = index - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  const r = steps[Math.floor(cube / 36) % 6] ?? 0;
  const g = steps[Math.floor(cube / 6) % 6] ?? 0;
  const b = steps[cube % 6] ?? 0;
  return `rgb(${r}, ${g}, ${b})`;
}

function paletteColour(index: number): string {
  return index < STANDARD_NAMES ? `ansi-${index}` : `ansi-bright-${index - STANDARD_NAMES}`;
}

/** Reads an extended colour (38;5;n or 38;2;r;g;b) starting after the 38/48; returns it and the parameters used. */
function extendedColour(params: number[], at: number): { colour?: string; used: number } {
  const mode = params[at];
  if (mode === 5) {
    const index = params[at + 1];
    if (index === undefined || index < 0 || index > 255) return { used: 2 };
    return { colour: index < 16 ? paletteColour(index) : xterm256(index), used: 2 };
  }
  if (mode === 2) {
    const [r, g, b] = [params[at + 1], params[at + 2], params[at + 3]];
    if ([r, g, b].some((value) => value === undefined || value < 0 || value > 255)) return { used: 4 };
    return { colour: `rgb(${r}, ${g}, ${b})`, used: 4 };
  }
  return { used: 1 };
}

/** Applies one SGR parameter list to a style (a copy is returned; styles are shared between segments). */
export function applySgr(style: AnsiStyle, raw: string): AnsiStyle {
  const params = raw === '' ? [0] : raw.split(/[;:]/).map((part) => (part === '' ? 0 : Number.parseInt(part, 10)));
  const next: AnsiStyle = { ...style };
  for (let i = 0; i < params.length; i += 1) {
    const code = params[i] ?? 0;
    if (code === 0) {
      for (const key of Object.keys(next) as Array<keyof AnsiStyle>) delete next[key];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strike;
    else if (code >= 30 && code <= 37) next.fg = paletteColour(code - 30);
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = paletteColour(code - 40);
    else if (code === 49) delete next.bg;
    else if (code >= 90 && code <= 97) next.fg = paletteColour(code - 90 + STANDARD_NAMES);
    else if (code >= 100 && code <= 107) next.bg = paletteColour(code - 100 + STANDARD_NAMES);
    else if (code === 38 || code === 48) {
      const { colour, used } = extendedColour(params, i + 1);
      if (colour !== undefined) next[code === 38 ? 'fg' : 'bg'] = colour;
      i += used;
    }
  }
  return next;
}

/**
 * Splits a line into styled segments. `initial` carries the style a previous line ended with
 * (programs rarely reset at the end of every line); the style at the end is returned too.
 */
export function parseAnsi(line: string, initial: AnsiStyle = {}): { segments: AnsiSegment[]; style: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let style = initial;
  if (!line.includes('\u001b')) {
    return { segments: line === '' ? [] : [{ text: line, style }], style };
  }
  let last = 0;
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(line); match !== null; match = ESCAPE.exec(line)) {
    if (match.index > last) segments.push({ text: line.slice(last, match.index), style });
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
    last = match.index + match[0].length;
  }
  if (last < line.length) segments.push({ text: line.slice(last), style });
  return { segments, style };
}

/** The line without any escape sequence: what filters match against and what is copied or downloaded. */
export function stripAnsi(line: string): string {
  return line.includes('\u001b') ? line.replace(ESCAPE, '') : line;
}

/** CSS classes and inline colour of a style (inline only for rgb colours; palette colours are classes). */
export function styleClasses(style: AnsiStyle): { className: string; color?: string; background?: string } {
  const classes: string[] = [];
  let fg = style.fg;
  let bg = style.bg;
  if (style.inverse) [fg, bg] = [bg ?? 'ansi-inverse-fg', fg ?? 'ansi-inverse-bg'];
  const result: { className: string; color?: string; background?: string } = { className: '' };
  if (fg?.startsWith('rgb')) result.color = fg;
  else if (fg) classes.push(`${fg.replace(/^ansi-/, 'ansi-fg-')}`);
  if (bg?.startsWith('rgb')) result.background = bg;
  else if (bg) classes.push(`${bg.replace(/^ansi-/, 'ansi-bg-')}`);
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  result.className = classes.join(' ');
  return result;
}
