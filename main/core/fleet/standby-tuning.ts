import type { FleetSettings } from '../../../shared/settings.js';
import { HealthBudget } from './health-budget.js';
import type { StandbyReads } from './standby-read.js';

/** Spread: each next read is due within ±10 % of the interval, so reads that began together drift apart. */
const jitter = 0.1;

/** Settings → Fleet as the standby sessions use them; applied live (the next read uses them). */
export class StandbyTuning implements StandbyReads {
  readonly budget: HealthBudget;
  private intervalMs: number;

  constructor(
    settings: FleetSettings,
    /** Tests: a shorter interval than Settings allows. */
    private readonly intervalOverrideMs?: number,
    readonly readDiskUsage?: StandbyReads['readDiskUsage'],
  ) {
    this.budget = new HealthBudget(budgetLimitsOf(settings));
    this.intervalMs = intervalOverrideMs ?? settings.healthIntervalSeconds * 1_000;
  }

  apply(settings: FleetSettings): void {
    this.budget.setLimits(budgetLimitsOf(settings));
    this.intervalMs = this.intervalOverrideMs ?? settings.healthIntervalSeconds * 1_000;
  }

  nextReadDelayMs(): number {
    return Math.round(this.intervalMs * (1 - jitter + Math.random() * 2 * jitter));
  }
}

function budgetLimitsOf(settings: FleetSettings) {
  return { connections: settings.healthConnections, requestsPerSecond: settings.healthRequestsPerSecond };
}
