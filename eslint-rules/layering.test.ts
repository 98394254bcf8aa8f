import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Lints snippets at made-up paths with the project's own eslint.config.js: each layering rule must
// fail on a deliberate violation and stay quiet on the allowed way of doing the same thing.
// (`npm run lint` checks that the tree itself keeps the rules.)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

// Loading the config and the TypeScript parser takes a while on a busy machine: once, here.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};\n', { filePath: path.join(root, 'shared/warm-up.ts') });
}, 120_000);

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  return result.messages.filter((message) => message.ruleId === 'berth/layering').map((message) => message.message);
}

describe('the layering lint rule', () => {
  it('fails when the renderer imports main/', async () => {
    const errors = await layeringErrors(
      'renderer/features/fleet/violation.tsx',
      "import { countContainers } from '../../../main/core/docker/containers';\nexport const x = countContainers;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^The renderer may not import main\//)]);
    expect(
      await layeringErrors('renderer/lib/ok.ts', "import { isProduction } from '../../shared/profile';\nexport const x = isProduction;\n"),
    ).toEqual([]);
  });

  it('fails when main/core imports electron, main/electron or main/shell', async () => {
    for (const spec of ['electron', '../../electron/secret-storage.js', '../../shell/shell-server.js']) {
      const errors = await layeringErrors('main/core/app/violation.ts', `import * as x from '${spec}';\nexport { x };\n`);
      expect(errors, spec).toEqual([expect.stringMatching(/^main\/core stays plain Node/)]);
    }
    expect(await layeringErrors('main/electron/ok.ts', "import * as x from '../core/app/berth-service.js';\nexport { x };\n")).toEqual([]);
  });

  it('fails when production code imports test support, and lets tests use it', async () => {
    const code = "import { TempDirs } from '../../../test-support/service-fakes.js';\nexport const x = TempDirs;\n";
    expect(await layeringErrors('main/core/app/violation.ts', code)).toEqual([
      expect.stringMatching(/^Production code may not import test support/),
    ]);
    expect(await layeringErrors('main/core/app/violation.test.ts', code)).toEqual([]);
    expect(
      await layeringErrors(
        'renderer/lib/violation.ts',
        "import { FakeRemoteHost } from '../../test-support/fake-remote-host';\nexport const x = FakeRemoteHost;\n",
      ),
    ).toEqual([expect.stringMatching(/^Production code may not import test support/)]);
  });

  it("fails when a feature imports another feature's internals, and allows its public entry", async () => {
    const internal = "import { CertificateBadge } from '../certificates/certificate-badge';\nexport const x = CertificateBadge;\n";
    expect(await layeringErrors('renderer/features/fleet/violation.tsx', internal)).toEqual([
      expect.stringMatching(/reaches inside the certificates feature: import its public entry/),
    ]);
    const entry = "import { CertificateBadge } from '../certificates';\nexport const x = CertificateBadge;\n";
    expect(await layeringErrors('renderer/features/fleet/ok.tsx', entry)).toEqual([]);
    expect(
      await layeringErrors(
        'renderer/app/violation.tsx',
        "import { FleetView } from '../features/fleet/fleet-view';\nexport const x = FleetView;\n",
      ),
    ).toEqual([expect.stringMatching(/reaches inside the fleet feature/)]);
    expect(
      await layeringErrors(
        'renderer/components/violation.tsx',
        "import { FleetView } from '../features/fleet';\nexport const x = FleetView;\n",
      ),
    ).toEqual([expect.stringMatching(/^renderer\/lib and renderer\/components sit below the features/)]);
  });

  it('fails when shared/ imports either side', async () => {
    expect(
      await layeringErrors('shared/violation.ts', "import { BerthError } from '../main/core/errors.js';\nexport const x = BerthError;\n"),
    ).toEqual([expect.stringMatching(/^shared\/ is the contract/)]);
  });
});
