import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry, AuditList } from '../../../shared/containers.js';

export interface AuditLogOptions {
  /** The data directory; without one entries are kept in memory only (tests, a throwaway shell). */
  dir?: string | undefined;
  /** Rotation: the current file grows to maxBytes, then moves to audit.1.jsonl, … up to `files` files in all. */
  maxBytes?: number;
  files?: number;
}

export const auditFileName = 'audit.jsonl';
export const auditRotation = { maxBytes: 5 * 1024 * 1024, files: 3 };
/** An entry is a few hundred bytes; a longer line in the file is not Berth's and is skipped. */
const maxLineBytes = 64 * 1024;

/**
 * The audit log: one JSON line per mutating action (refused ones included) in
 * `<data dir>/audit.jsonl`, rotated at `maxBytes` into audit.1.jsonl … audit.(files−1).jsonl.
 * Appends are serialised so lines never interleave. Entries never carry secrets: who, when,
 * host, action, targets, non-secret parameters, result or error code.
 */
export class AuditLog {
  private readonly memory: AuditEntry[] = [];
  private writes: Promise<void> = Promise.resolve();
  readonly maxBytes: number;
  readonly files: number;

  constructor(private readonly options: AuditLogOptions = {}) {
    this.maxBytes = options.maxBytes ?? auditRotation.maxBytes;
    this.files = Math.max(1, options.files ?? auditRotation.files);
  }

  append(entry: AuditEntry): Promise<void> {
    const dir = this.options.dir;
    if (!dir) {
      this.memory.push(entry);
      if (this.memory.length > 10_000) this.memory.shift();
      return Promise.resolve();
    }
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.writes.then(async () => {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const file = this.fileAt(0);
      const size = await fs.stat(file).then(
        (stat) => stat.size,
        () => 0,
      );
      if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) await this.rotate();
      await fs.appendFile(file, line, { mode: 0o600 });
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Newest first, optionally of one host. */
  async list(hostId: string | undefined, limit: number): Promise<AuditList> {
    await this.writes;
    const entries: AuditEntry[] = [];
    const keep = (entry: AuditEntry) => (hostId === undefined || entry.hostId === hostId) && entries.length < limit;
    if (!this.options.dir) {
      for (let i = this.memory.length - 1; i >= 0 && entries.length < limit; i -= 1) {
        const entry = this.memory[i] as AuditEntry;
        if (keep(entry)) entries.push(entry);
      }
    } else {
      for (let index = 0; index < this.files && entries.length < limit; index += 1) {
        const text = await fs.readFile(this.fileAt(index), 'utf8').catch(() => '');
        const lines = text.split('\n');
        for (let i = lines.length - 1; i >= 0 && entries.length < limit; i -= 1) {
          const entry = parseEntry(lines[i] ?? '');
          if (entry && keep(entry)) entries.push(entry);
        }
      }
    }
    return { entries, rotation: { maxBytes: this.maxBytes, files: this.files } };
  }

  private fileAt(index: number): string {
    const dir = this.options.dir ?? '';
    return path.join(dir, index === 0 ? auditFileName : auditFileName.replace(/\.jsonl$/, `.${index}.jsonl`));
  }

  private async rotate(): Promise<void> {
    for (let index = this.files - 1; index >= 1; index -= 1) {
      await fs.rename(this.fileAt(index - 1), this.fileAt(index)).catch(() => undefined);
    }
    if (this.files === 1) await fs.rm(this.fileAt(0), { force: true });
  }
}

function parseEntry(line: string): AuditEntry | undefined {
  if (line === '' || line.length > maxLineBytes) return undefined;
  try {
    const value = JSON.parse(line) as Partial<AuditEntry>;
    if (typeof value.time !== 'string' || typeof value.hostId !== 'string' || typeof value.action !== 'string') return undefined;
    return value as AuditEntry;
  } catch {
    return undefined;
  }
}
