import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextFileOpening, contextFilesInArgv, watchContextFiles } from './context-file-opening.js';

function recorder() {
  const imported: string[] = [];
  let release: () => void = () => undefined;
  return {
    imported,
    importer: {
      importContextFile: async (file: string) => {
        imported.push(file);
      },
    },
    /** An importer whose first import waits until released, to show imports never overlap. */
    slowImporter: {
      importContextFile: (file: string) =>
        new Promise<void>((resolve) => {
          imported.push(`start ${file}`);
          release = () => {
            imported.push(`end ${file}`);
            resolve();
          };
          if (imported.length > 2) release();
        }),
    },
    release: () => release(),
  };
}

describe('contextFilesInArgv', () => {
  it('keeps .dockercontext arguments, made absolute against the working folder', () => {
    const argv = ['/opt/Berth/berth', '--no-sandbox', 'prod.dockercontext', '/tmp/Other.DOCKERCONTEXT', 'notes.txt', '.'];
    expect(contextFilesInArgv(argv, '/home/op/Downloads', path.posix.resolve)).toEqual([
      '/home/op/Downloads/prod.dockercontext',
      '/tmp/Other.DOCKERCONTEXT',
    ]);
  });

  it('ignores options that merely end like one, and gives each file once', () => {
    expect(contextFilesInArgv(['--file=x.dockercontext', 'a.dockercontext', './a.dockercontext'], '/w', path.posix.resolve)).toEqual([
      '/w/a.dockercontext',
    ]);
  });

  it('resolves Windows paths with the Windows rules', () => {
    expect(contextFilesInArgv(['C:\\Berth\\Berth.exe', 'prod.dockercontext'], 'C:\\Users\\op', path.win32.resolve)).toEqual([
      'C:\\Users\\op\\prod.dockercontext',
    ]);
  });
});

describe('ContextFileOpening', () => {
  it('keeps files opened before the service exists and imports them once it is attached', async () => {
    const opening = new ContextFileOpening();
    const { imported, importer } = recorder();
    opening.open(['/a.dockercontext']);
    opening.open([]);
    expect(imported).toEqual([]);
    opening.attach(importer);
    opening.open(['/b.dockercontext']);
    await opening.idle();
    expect(imported).toEqual(['/a.dockercontext', '/b.dockercontext']);
  });

  it('imports one file after another, and a failing import does not stop the next', async () => {
    const opening = new ContextFileOpening();
    const imported: string[] = [];
    opening.attach({
      importContextFile: async (file) => {
        imported.push(file);
        if (file === '/bad.dockercontext') throw new Error('boom');
      },
    });
    opening.open(['/bad.dockercontext', '/good.dockercontext']);
    await opening.idle();
    expect(imported).toEqual(['/bad.dockercontext', '/good.dockercontext']);
  });

  it('never runs two imports at once', async () => {
    const opening = new ContextFileOpening();
    const { imported, slowImporter, release } = recorder();
    opening.attach(slowImporter);
    opening.open(['/1.dockercontext', '/2.dockercontext']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(imported).toEqual(['start /1.dockercontext']);
    release();
    await opening.idle();
    expect(imported).toEqual(['start /1.dockercontext', 'end /1.dockercontext', 'start /2.dockercontext', 'end /2.dockercontext']);
  });
});

describe('watchContextFiles', () => {
  it('takes macOS open-file events (claiming them) and the argv of a second start', async () => {
    const app = new EventEmitter();
    const opening = new ContextFileOpening();
    const { imported, importer } = recorder();
    watchContextFiles(app, opening, path.posix.resolve);
    let claimed = 0;
    app.emit('open-file', { preventDefault: () => (claimed += 1) }, '/Users/op/prod.dockercontext');
    app.emit('open-file', { preventDefault: () => (claimed += 1) }, '/Users/op/readme.txt');
    app.emit('second-instance', {}, ['/usr/bin/berth', 'ci.dockercontext'], '/home/op');
    opening.attach(importer);
    await opening.idle();
    expect(claimed).toBe(2);
    expect(imported).toEqual(['/Users/op/prod.dockercontext', '/home/op/ci.dockercontext']);
  });
});
