/**
 * `.dockercontext` files opened with Berth: on macOS the OS sends `open-file` (possibly before the
 * app is ready, so the path waits); on Linux and Windows the path is in argv, of the first start
 * or of a second start that the single-instance lock turns into `second-instance`. Each file is
 * imported once the service is there, one after another.
 */

/** What imports a file: BerthService.importContextFile (it reports the outcome to the window itself). */
export interface ContextFileImporter {
  importContextFile(file: string): Promise<unknown>;
}

const CONTEXT_FILE = /\.dockercontext$/i;

/**
 * The `.dockercontext` paths among command-line arguments, made absolute against the folder the
 * command ran in. Options (`--…`), the executable and the app's own path are not files to open.
 */
export function contextFilesInArgv(
  argv: readonly string[],
  workingDirectory: string,
  resolve: (from: string, to: string) => string,
): string[] {
  const files = argv.filter((arg) => !arg.startsWith('-') && CONTEXT_FILE.test(arg)).map((arg) => resolve(workingDirectory, arg));
  return [...new Set(files)];
}

export class ContextFileOpening {
  private importer: ContextFileImporter | undefined;
  private readonly waiting: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  /** Imports the files now, or as soon as an importer is attached. */
  open(files: readonly string[]): void {
    if (files.length === 0) return;
    if (!this.importer) {
      this.waiting.push(...files);
      return;
    }
    const importer = this.importer;
    for (const file of files) this.chain = this.chain.then(() => importer.importContextFile(file)).catch(() => undefined);
  }

  attach(importer: ContextFileImporter): void {
    this.importer = importer;
    this.open(this.waiting.splice(0));
  }

  /** Settles when every file opened so far has been handled (tests, quitting). */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}

/** The slice of Electron's `app` this needs, so tests drive it with an EventEmitter. */
export interface ContextFileEvents {
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export function watchContextFiles(
  app: ContextFileEvents,
  opening: ContextFileOpening,
  resolve: (from: string, to: string) => string,
): void {
  app.on('open-file', (event, file) => {
    // Without preventDefault macOS reports that Berth could not open the file.
    event.preventDefault();
    if (CONTEXT_FILE.test(file)) opening.open([file]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => opening.open(contextFilesInArgv(argv, workingDirectory, resolve)));
}
