import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import berth from './eslint-rules/layering.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Which folder may import which: docs/architecture.md, "Layering".
    plugins: { berth },
    rules: { 'berth/layering': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'bench/page/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The core and the shared contract must never depend on Electron.
    files: ['main/core/**/*.ts', 'shared/**/*.ts', 'main/cli/**/*.ts', 'main/cli*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'main/core and shared/ stay plain Node: Electron lives in main/electron.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    // Tests of shared code run in Node only (they read fixtures from disk).
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'dockerode', 'ssh2'],
              message: 'shared/ is the contract both sides compile against: no Node, Electron or Docker imports.',
            },
          ],
        },
      ],
    },
  },
);
