/**
 * The small slice of tar that docker context archives use: regular files and directories with
 * short names (ustar headers), as `docker context export` writes them. The reader is bounded and
 * strict — links, devices and anything else are refused, never followed — because an archive is
 * untrusted input; it also accepts an archive without the closing zero blocks, which the docker
 * CLI omits.
 */
export interface TarEntry {
  name: string;
  type: 'file' | 'directory';
  mode: number;
  data: Buffer;
}

export interface TarLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export class TarFormatError extends Error {}

const BLOCK = 512;

export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.type === 'file' ? entry.data : Buffer.alloc(0);
    parts.push(header(entry, data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const name = entry.type === 'directory' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  if (Buffer.byteLength(name) > 100) throw new TarFormatError(`tar entry name too long: ${name}`);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, entry.mode & 0o7777);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block.fill(' ', 148, 156);
  block.write(entry.type === 'directory' ? '5' : '0', 156, 1, 'latin1');
  block.write('ustar\u000000', 257, 8, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return block;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}

export function readTar(archive: Buffer, limits: TarLimits): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let total = 0;
  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    if (!checksumMatches(block)) throw new TarFormatError('a tar header has a wrong checksum: this is not a tar archive, or it is damaged');
    const size = readOctal(block, 124, 12);
    const typeflag = String.fromCharCode(block[156] ?? 0);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) throw new TarFormatError('the archive ends inside an entry: it is truncated');
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    // pax headers (x, g) describe the next entry; short docker names never need them.
    if (typeflag === 'x' || typeflag === 'g') continue;
    if (typeflag !== '0' && typeflag !== '\u0000' && typeflag !== '5') {
      throw new TarFormatError(`the archive holds a link or special file (type "${typeflag}"), which a docker context never does`);
    }
    if (entries.length >= limits.maxEntries) throw new TarFormatError(`the archive holds more than ${limits.maxEntries} entries`);
    if (size > limits.maxEntryBytes) throw new TarFormatError(`an entry is larger than ${limits.maxEntryBytes} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) throw new TarFormatError(`the archive unpacks to more than ${limits.maxTotalBytes} bytes`);
    const prefix = readString(block, 345, 155);
    const rawName = readString(block, 0, 100);
    const name = prefix ? `${prefix}/${rawName}` : rawName;
    entries.push({
      name: name.replace(/\/+$/, ''),
      type: typeflag === '5' ? 'directory' : 'file',
      mode: readOctal(block, 100, 8),
      data: Buffer.from(archive.subarray(dataStart, dataEnd)),
    });
  }
  return entries;
}

function checksumMatches(block: Buffer): boolean {
  const stored = readOctal(block, 148, 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1) sum += index >= 148 && index < 156 ? 0x20 : block[index]!;
  return stored === sum;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('a tar header holds a malformed number: this is not a tar archive');
  return Number.parseInt(text, 8);
}
