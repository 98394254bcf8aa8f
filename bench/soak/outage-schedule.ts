import { FaultProxy } from '../../e2e/faults/fault-proxy.js';

/** How a flapped host goes away: its links cut and new ones refused (a host that is down), or every byte held (a frozen host). */
export type OutageKind = 'cut' | 'freeze';

export interface PlannedOutage {
  hostId: string;
  kind: OutageKind;
  /** Seconds after the soak started. */
  startS: number;
  lengthS: number;
}

export interface OutagePlan {
  /** Each outage must outlast detection (a frozen link is only noticed by the heartbeat's deadline) plus the grace period. */
  minLengthS: number;
  maxLengthS: number;
  /** Up time between two outages of one host. */
  minUpS: number;
  maxUpS: number;
  /** The last outage ends this long before the soak does, so the host is back when it is measured. */
  quietEndS: number;
}

/**
 * Outages of varied length and kind for each flapped host over `durationS`, staggered so the hosts
 * do not all flap at once. An outage that would not fit before the quiet end is shortened, or
 * dropped when it would then be shorter than `minLengthS`.
 */
export function planOutages(hostIds: readonly string[], durationS: number, plan: OutagePlan, random: () => number): PlannedOutage[] {
  const between = (min: number, max: number) => Math.round(min + random() * (max - min));
  const lastEnd = durationS - plan.quietEndS;
  const outages: PlannedOutage[] = [];
  hostIds.forEach((hostId, index) => {
    let startS = 5 + index * 3 + between(0, 10);
    for (;;) {
      const lengthS = Math.min(between(plan.minLengthS, plan.maxLengthS), lastEnd - startS);
      if (lengthS < plan.minLengthS) break;
      outages.push({ hostId, kind: random() < 0.5 ? 'cut' : 'freeze', startS, lengthS });
      startS += lengthS + between(plan.minUpS, plan.maxUpS);
    }
  });
  return outages.sort((a, b) => a.startS - b.startS);
}

/** Starts and ends the planned outages on the hosts' proxies, on time; resolves once the last has ended. */
export async function runOutages(
  outages: readonly PlannedOutage[],
  proxies: ReadonlyMap<string, FaultProxy>,
  startedAt: number,
): Promise<void> {
  const at = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + seconds * 1000 - Date.now())));
  await Promise.all(
    outages.map(async (outage) => {
      const proxy = proxies.get(outage.hostId);
      if (!proxy) throw new Error(`no fault proxy in front of ${outage.hostId}`);
      await at(outage.startS);
      if (outage.kind === 'cut') {
        proxy.setMode('refuse');
        proxy.cutAll();
      } else proxy.setMode('stall');
      await at(outage.startS + outage.lengthS);
      // A frozen link's held connections are dropped as it comes back (as after a laptop's sleep).
      proxy.cutAll();
      proxy.setMode('pass');
    }),
  );
}

export async function startProxies(targets: ReadonlyMap<string, { host: string; port: number }>): Promise<Map<string, FaultProxy>> {
  const proxies = new Map<string, FaultProxy>();
  for (const [hostId, target] of targets) proxies.set(hostId, await new FaultProxy(target.host, target.port).start());
  return proxies;
}
