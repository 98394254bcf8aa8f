import type { TestConnectionResult, TestNeedsHostKey } from '../../../shared/contract.js';
import type { Transport } from '../../../shared/profile.js';
import type { HostKeyPrompt, HostSnapshot } from '../../../shared/snapshot.js';
import { probeDaemon } from '../probe.js';
import { HostKeyError } from '../ssh/host-key-error.js';
import type { KnownHosts } from '../ssh/known-hosts.js';

/** The operator's answer to a host-key prompt of an earlier test: that exact key, this session or always. */
export interface AcceptedHostKey {
  fingerprint: string;
  persist: boolean;
}

/**
 * hosts:test: connects once and reads the daemon. An SSH host whose key Berth does not know
 * answers with the prompt instead of failing, so the form can show the host-key dialog; the test
 * runs again with the operator's answer.
 */
export async function testConnection(
  transport: Transport,
  options: { timeoutMs: number; knownHosts: KnownHosts },
  acceptHostKey: AcceptedHostKey | undefined,
): Promise<TestConnectionResult | TestNeedsHostKey> {
  const probe = () => probeDaemon(transport, { ...options, acceptNewHostKey: false });
  let snapshot: HostSnapshot | undefined;
  let accepted = false;
  while (snapshot === undefined) {
    try {
      snapshot = await probe();
    } catch (error) {
      const unknown = unknownHostKeyOf(error);
      if (!unknown) throw error;
      // Only the very key the operator looked at is trusted, once; any other (the next hop of a
      // chain of jump hosts) gets its own prompt.
      if (accepted || acceptHostKey?.fingerprint !== unknown.prompt.fingerprint) return { hostKey: unknown.prompt };
      const { host, port, keyType } = unknown.prompt;
      await options.knownHosts.trust(host, port, keyType, unknown.keyBlob, { persist: acceptHostKey.persist });
      accepted = true;
    }
  }
  const { serverVersion, apiVersion, os } = snapshot.summary;
  return { serverVersion, apiVersion, os, driver: snapshot.storage.driver };
}

/** The prompt and presented key of an SSH_HOST_KEY_UNKNOWN failure; undefined for anything else. */
function unknownHostKeyOf(error: unknown): { prompt: HostKeyPrompt; keyBlob: Buffer } | undefined {
  if (!(error instanceof HostKeyError) || error.code !== 'SSH_HOST_KEY_UNKNOWN' || error.keyBlob === undefined) return undefined;
  return { prompt: error.prompt, keyBlob: error.keyBlob };
}
