import { readdirSync, readFileSync } from 'node:fs';

/** Reads the JSON fixtures next to the parsers; used by the tests only. */

const FIXTURES = new URL('./fixtures/', import.meta.url);

export function loadFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(new URL(relativePath, FIXTURES), 'utf8')) as unknown;
}

export function fixtureNames(subdirectory = ''): string[] {
  return readdirSync(new URL(subdirectory, FIXTURES)).filter((name) => name.endsWith('.json'));
}

export interface DriverStatusFixture {
  source: string;
  Driver: string;
  DriverStatus: unknown;
}

export function loadDriverStatusFixture(name: string): DriverStatusFixture {
  return loadFixture(name) as DriverStatusFixture;
}
