import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'main/**/*.test.ts',
            'shared/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'e2e/*.test.ts',
            'eslint-rules/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          // electron-store imports Electron: inlined, so the tests' mocked electron module reaches it.
          server: { deps: { inline: ['electron-store'] } },
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['main/**/*.integration.test.ts', 'e2e/**/*.integration.test.ts', 'e2e/specs/**/*.e2e.test.ts'],
          environment: 'node',
          // Integration tests share one lab: run files one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The fault suite breaks lab daemons on purpose, so it never runs beside the other
      // integration tests: only `npm run test:faults` (BERTH_FAULTS=1) enables it.
      ...(process.env.BERTH_FAULTS === '1'
        ? [
            {
              test: {
                name: 'faults',
                include: ['e2e/faults/**/*.fault.test.ts'],
                environment: 'node',
                fileParallelism: false,
                testTimeout: 240_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
