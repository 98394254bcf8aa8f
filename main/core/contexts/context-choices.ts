/**
 * The docker CLI's contexts as the add-host flow offers them: each with its endpoint, how it is
 * secured, and either the transport Berth would use or why Berth refuses it. SkipTLSVerify is
 * listed as a refusal with its reason, never quietly turned into a verified connection.
 */
import type { ContextTls, DockerContextChoice, DockerContextList } from '../../../shared/host-setup-contract.js';
import { toEnvelope } from '../errors.js';
import { type ContextTransportOptions, transportFromContext } from './context-transport.js';
import type { DockerContext, DockerContextStore } from './docker-context-store.js';

export async function listContextChoices(store: DockerContextStore, options: ContextTransportOptions = {}): Promise<DockerContextList> {
  const problems: string[] = [];
  const [current, listed] = await Promise.all([
    store.currentContext().catch((error: unknown) => {
      problems.push(toEnvelope(error).message);
      return 'default';
    }),
    store.list(),
  ]);
  const contexts = await Promise.all(listed.contexts.map((context) => choiceOf(context, context.name === current, options)));
  return { configDir: store.configDir, current, contexts, problems: [...problems, ...listed.problems] };
}

async function choiceOf(context: DockerContext, current: boolean, options: ContextTransportOptions): Promise<DockerContextChoice> {
  const base = {
    name: context.name,
    ...(context.description ? { description: context.description } : {}),
    current,
    endpoint: context.host === '' ? 'unix:///var/run/docker.sock' : context.host,
    tls: tlsOf(context),
  };
  try {
    return { ...base, transport: await transportFromContext(context, options) };
  } catch (error) {
    return { ...base, refusal: toEnvelope(error) };
  }
}

function tlsOf(context: DockerContext): ContextTls {
  if (context.skipTlsVerify) return 'skip-verify';
  if (/^ssh:/i.test(context.host)) return 'ssh';
  return context.tls.ca || context.tls.cert || context.tls.key ? 'verified' : 'none';
}
