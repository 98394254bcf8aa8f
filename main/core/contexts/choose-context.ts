/**
 * Which daemon the docker client talks to when nothing names one on the command line, in the
 * docker CLI's own order (cli/command/cli.go resolveContextName): --context; else -H means the
 * default context; else DOCKER_HOST means the default context; else DOCKER_CONTEXT; else
 * `currentContext` in config.json; else "default".
 */
import { BerthError } from '../errors.js';
import { DEFAULT_CONTEXT } from './docker-context-store.js';

export interface ContextChoiceInput {
  contextFlag?: string;
  hostFlag?: string;
  env: NodeJS.ProcessEnv;
  currentContext: () => Promise<string>;
}

/** The context name to use; "default" means -H / DOCKER_HOST / the local socket. */
export async function chooseContext(input: ContextChoiceInput): Promise<string> {
  if (input.contextFlag !== undefined && input.hostFlag !== undefined) {
    throw new BerthError('INVALID_ARGUMENT', 'Give either -H/--host or --context, not both (as the docker CLI says: conflicting options).');
  }
  if (input.contextFlag !== undefined && input.contextFlag !== '') return input.contextFlag;
  if (input.hostFlag !== undefined) return DEFAULT_CONTEXT;
  if (input.env.DOCKER_HOST) return DEFAULT_CONTEXT;
  if (input.env.DOCKER_CONTEXT) return input.env.DOCKER_CONTEXT;
  return input.currentContext();
}
