import type { HostKeyPrompt } from '../../../shared/snapshot';

/** Which hop a host key belongs to: "jump host 1 of 2" for a jump host, undefined for the Docker host itself. */
export function hopLabel(hostKey: Pick<HostKeyPrompt, 'jump'>): string | undefined {
  return hostKey.jump ? `jump host ${hostKey.jump.number} of ${hostKey.jump.count}` : undefined;
}
