import { readdirSync, readFileSync } from 'node:fs';

/** Reads the JSON fixtures of the parsers (shared/docker/fixtures); used by the tests only. */

const FIXTURES = new URL('../shared/docker/fixtures/', import.meta.url);

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
