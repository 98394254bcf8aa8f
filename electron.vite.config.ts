import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// Test support (fakes, fuzz arbitraries, an in-process SSH server) must never reach a bundle:
// the lint rules keep production code from importing it, and this fails the build if it does.
const testSupportDir = resolve('test-support');
function keepTestSupportOut(): Plugin {
  return {
    name: 'berth-keep-test-support-out',
    load(id) {
      if (resolve(id.split('?')[0] ?? id).startsWith(testSupportDir)) {
        this.error(`${id} is test support and must not be bundled: production code may not import test-support/.`);
      }
      return null;
    },
  };
}

export default defineConfig({
  main: {
    plugins: [keepTestSupportOut()],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          'cli-entry': resolve('main/cli-entry.ts'),
          // Certificate generation runs in a worker thread (RSA 4096 takes seconds).
          'generate-worker': resolve('main/core/tls/generate-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [keepTestSupportOut()],
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { preload: resolve('main/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react(), keepTestSupportOut()],
  },
});
