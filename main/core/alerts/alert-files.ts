import { renameSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { moveAside, readStoreFile } from '../store/store-file.js';

/**
 * Reads a JSON file that must match `schema`: the value, or undefined when the file is missing.
 * A file that is not valid JSON or does not match is moved aside (never lost) and `recovered` says where.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, recovered: (movedTo: string) => void): T | undefined {
  const read = readStoreFile(file);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'json') {
    const parsed = schema.safeParse(read.value);
    if (parsed.success) return parsed.data;
  }
  recovered(moveAside(file));
  return undefined;
}

/** Writes a JSON file atomically (a temporary file renamed over it), mode 0600. */
export function writeJsonFile(file: string, value: unknown): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
