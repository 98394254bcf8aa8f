import type { Alert, AlertRules } from '../../../shared/alerts-contract.js';

/** An alert as a rule raises it; the alert center gives it its id and host name. */
export type NewAlert = Omit<Alert, 'id' | 'hostName' | 'acknowledgedAt'>;

/** What every rule is given: the rules in force for a host (undefined when the host is muted), time, and where alerts go. */
export interface RuleContext {
  rulesFor(hostId: string): AlertRules | undefined;
  now(): number;
  raise(alert: NewAlert): void;
  /**
   * Whether an alert with this key is already in the history; with `openOnly`, whether one still
   * unacknowledged has this key or a key that starts with it and "|" (one condition, raised at several times).
   */
  seen(key: string, openOnly: boolean): boolean;
}
