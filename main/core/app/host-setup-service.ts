/**
 * The add-host flow's channels in main: path completion (the browser shell), the file dialog
 * (Electron, injected), certificate folders, and the docker CLI's contexts — listed, saved as
 * hosts, and imported from an opened `.dockercontext` file. Only paths, names and transports
 * with file paths go out; the TLS material stays in files that main reads when a host connects.
 */
import type { AppNotice, HostSetupInvokeResults, PathPurpose } from '../../../shared/host-setup-contract.js';
import type { HostView, ProfileDraft } from '../../../shared/host-view.js';
import type { Transport } from '../../../shared/profile.js';
import { listContextChoices } from '../contexts/context-choices.js';
import { newHostId, readContextArchiveFile, storeHoldsContext } from '../contexts/context-host.js';
import { transportFromContext } from '../contexts/context-transport.js';
import { DockerContextStore } from '../contexts/docker-context-store.js';
import { BerthError, toEnvelope } from '../errors.js';
import { readCertificateFolder } from '../files/certificate-folder.js';
import { completePath } from '../files/path-completion.js';
import type { ParsedInput } from './validate-input.js';

/** Electron's open dialog, as the desktop shell injects it: the chosen path, or null when cancelled. */
export type FileChooser = (request: { purpose: PathPurpose; defaultPath?: string }) => Promise<string | null>;

export interface HostSetupOptions {
  homeDir: string;
  /** The docker CLI's config folder ($DOCKER_CONFIG, else ~/.docker). */
  dockerConfigDir: string;
  platform?: NodeJS.Platform;
  /** Only the Electron shell has one; the browser shell completes typed paths instead. */
  chooseFile?: FileChooser;
  /** Saves a draft as a host (secrets split off, connected, `hosts:changed` pushed). */
  save: (draft: ProfileDraft) => Promise<HostView>;
  /** Tells every attached renderer (an opened `.dockercontext` file's outcome). */
  notify: (notice: AppNotice) => void;
}

type SetupHandlers = {
  [C in keyof HostSetupInvokeResults]: (input: ParsedInput<C>) => Promise<HostSetupInvokeResults[C]>;
};

export class HostSetupService {
  private readonly docker: DockerContextStore;

  constructor(private readonly options: HostSetupOptions) {
    this.docker = new DockerContextStore(options.dockerConfigDir);
  }

  handlers(): SetupHandlers {
    const options = this.options;
    return {
      'files:complete': ({ prefix, foldersOnly }) =>
        completePath(prefix, { homeDir: options.homeDir, ...(foldersOnly !== undefined && { foldersOnly }) }),
      'files:choose': async ({ purpose, defaultPath }) => {
        if (!options.chooseFile) {
          throw new BerthError(
            'NOT_IN_THIS_SHELL',
            'The browser shell has no file dialog: type the path instead (the field completes it as you type).',
          );
        }
        return { path: await options.chooseFile({ purpose, ...(defaultPath !== undefined && { defaultPath }) }) };
      },
      'certs:folder': ({ path }) => readCertificateFolder(path, options.homeDir),
      'contexts:list': () => listContextChoices(this.docker, this.transportOptions()),
      'contexts:import': async ({ name, hostName, tags }) => {
        const transport = await transportFromContext(await this.docker.get(name), this.transportOptions());
        return this.saveHost(hostName ?? name, transport, tags ?? []);
      },
    };
  }

  /**
   * A `.dockercontext` file the operator opened with Berth: unpacked into the docker CLI's store
   * (as `docker context import` does) and saved as a host. The outcome goes to every renderer as
   * an `app:notice`, since nothing in the window asked for it; it never throws.
   */
  async importContextFile(file: string): Promise<HostView | undefined> {
    try {
      const data = await readContextArchiveFile(file);
      const context = await this.docker.write(data).catch(async (error: unknown) => {
        if (!(error instanceof BerthError && error.code === 'CONTEXT_EXISTS')) throw error;
        // The same file opened again: its context is there already, so use it.
        const same = await storeHoldsContext(this.docker, data);
        if (same) return same;
        throw new BerthError(
          'CONTEXT_EXISTS',
          `A different docker context "${data.name}" exists already: add it from Add host → Docker contexts, or rename the file and open it again.`,
        );
      });
      const transport = await transportFromContext(context, this.transportOptions());
      const view = await this.saveHost(context.name, transport, []);
      this.options.notify({
        kind: 'context-imported',
        hostId: view.profile.id,
        message: `Added host "${view.profile.name}" from the docker context file ${file}.`,
      });
      return view;
    } catch (error) {
      const envelope = toEnvelope(error);
      this.options.notify({
        kind: 'context-import-failed',
        error: envelope,
        message: `Could not add a host from ${file}: ${envelope.message}`,
      });
      return undefined;
    }
  }

  private saveHost(name: string, transport: Transport, tags: string[]): Promise<HostView> {
    return this.options.save({ id: newHostId(name), name, tags, transport, keepStoredSecrets: false });
  }

  private transportOptions() {
    return this.options.platform ? { platform: this.options.platform } : {};
  }
}
