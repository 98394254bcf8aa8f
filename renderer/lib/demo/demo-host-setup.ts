/**
 * The demo's answers to the add-host helpers: a small made-up home folder for path completion and
 * certificate folders, and a few docker contexts (one current, one refused for SkipTLSVerify).
 * Made up on purpose: the demo has no disk and no docker CLI.
 */
import type { InvokeResults } from '../../../shared/contract';
import type { DockerContextChoice, PathEntry } from '../../../shared/host-setup-contract';
import type { HostView, ProfileDraft } from '../../../shared/host-view';
import type { Transport } from '../../../shared/profile';
import { fail } from './demo-failure';

const HOME = '/home/operator';
const tree: Record<string, Array<[string, PathEntry['kind']]>> = {
  [`${HOME}/`]: [
    ['.docker', 'folder'],
    ['.ssh', 'folder'],
    ['certs', 'folder'],
    ['notes.txt', 'file'],
  ],
  [`${HOME}/.ssh/`]: [
    ['id_ed25519', 'file'],
    ['id_ed25519.pub', 'file'],
    ['known_hosts', 'file'],
  ],
  [`${HOME}/certs/`]: [
    ['prod-api', 'folder'],
    ['staging', 'folder'],
  ],
  [`${HOME}/certs/prod-api/`]: [
    ['ca.pem', 'file'],
    ['cert.pem', 'file'],
    ['key.pem', 'file'],
  ],
  [`${HOME}/certs/staging/`]: [
    ['ca.pem', 'file'],
    ['cert.pem', 'file'],
  ],
};

const contextTls = (id: string) => `${HOME}/.docker/contexts/tls/${id}/docker`;
const prodTls = contextTls('5d41402abc4b2a76b9719d911017c592');
const contexts: DockerContextChoice[] = [
  {
    name: 'build-ssh',
    description: 'CI builders',
    current: false,
    endpoint: 'ssh://deploy@10.20.0.30',
    tls: 'ssh',
    transport: {
      type: 'ssh',
      host: '10.20.0.30',
      port: 22,
      user: 'deploy',
      auth: { method: 'agent' },
      remoteSocket: '/var/run/docker.sock',
    },
  },
  {
    name: 'legacy-insecure',
    current: false,
    endpoint: 'tcp://10.20.0.90:2376',
    tls: 'skip-verify',
    refusal: {
      code: 'CONTEXT_SKIPS_TLS_VERIFY',
      message:
        'The docker context "legacy-insecure" sets SkipTLSVerify: it connects without checking the daemon\'s certificate. Berth never does that. Give the context the daemon\'s CA and import it again.',
    },
  },
  {
    name: 'prod-tls',
    description: 'Production API hosts',
    current: true,
    endpoint: 'tcp://10.20.0.11:2376',
    tls: 'verified',
    transport: {
      type: 'tls',
      host: '10.20.0.11',
      port: 2376,
      ca: { kind: 'path', path: `${prodTls}/ca.pem` },
      cert: { kind: 'path', path: `${prodTls}/cert.pem` },
      key: { kind: 'path', path: `${prodTls}/key.pem` },
    },
  },
];

function folderOf(typed: string): { folder: string; name: string } {
  const absolute = typed === '' || typed === '~' ? `${HOME}/` : typed.startsWith('~/') ? `${HOME}/${typed.slice(2)}` : typed;
  const cut = absolute.lastIndexOf('/') + 1;
  return { folder: absolute.slice(0, cut), name: absolute.slice(cut) };
}

export function demoHostSetupAnswers(
  input: Record<string, unknown>,
  save: (draft: ProfileDraft) => HostView,
): { [C in 'files:complete' | 'files:choose' | 'certs:folder' | 'contexts:list' | 'contexts:import']: () => InvokeResults[C] } {
  return {
    'files:complete': () => {
      const { folder, name } = folderOf(typeof input.prefix === 'string' ? input.prefix : '');
      const listed = tree[folder];
      if (!listed) return { folder, entries: [], truncated: false, problem: `${folder} cannot be listed: it does not exist.` };
      const entries = listed
        .filter(
          ([entry, kind]) =>
            entry.startsWith(name) && (name.startsWith('.') || !entry.startsWith('.')) && (!input.foldersOnly || kind === 'folder'),
        )
        .map(([entry, kind]) => ({ name: entry, kind, path: `${folder}${entry}${kind === 'folder' ? '/' : ''}` }));
      return { folder, entries, truncated: false };
    },
    'files:choose': () =>
      fail('NOT_IN_THIS_SHELL', 'The browser shell has no file dialog: type the path instead (the field completes it as you type).'),
    'certs:folder': () => {
      const folder = folderOf(`${typeof input.path === 'string' ? input.path : ''}/`).folder.replace(/\/+$/, '');
      const listed = tree[`${folder}/`];
      if (!listed) fail('FILE_UNREADABLE', `The certificate folder ${folder} cannot be opened: it does not exist.`);
      const missing = ['ca.pem', 'cert.pem', 'key.pem'].filter((file) => !listed.some(([entry]) => entry === file));
      if (missing.length > 0)
        fail(
          'CERT_FOLDER_INCOMPLETE',
          `${folder} has no ${missing.join(' or ')}. A docker certificate folder (as DOCKER_CERT_PATH) holds ca.pem, cert.pem and key.pem: choose the folder that has all three, or give the files one by one.`,
        );
      return { folder, ca: `${folder}/ca.pem`, cert: `${folder}/cert.pem`, key: `${folder}/key.pem` };
    },
    'contexts:list': () => ({ configDir: `${HOME}/.docker`, current: 'prod-tls', contexts, problems: [] }),
    'contexts:import': () => {
      const context = contexts.find((each) => each.name === input.name);
      if (!context) fail('CONTEXT_NOT_FOUND', `There is no docker context "${String(input.name)}".`);
      if (!context.transport) return fail(context.refusal!.code, context.refusal!.message);
      const name = typeof input.hostName === 'string' ? input.hostName : context.name;
      const transport: Transport = context.transport;
      return save({ id: `${context.name}-demo`, name, tags: [], transport, keepStoredSecrets: false });
    },
  };
}
