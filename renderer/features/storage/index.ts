// The storage feature's public entry: app/ and other features import only from here.
export { DiskUsageChart } from './disk-usage-chart';
export { PoolPanel } from './pool-panel';
export { StoragePanel } from './storage-panel';
export { usageLevel } from './usage-level';
export { UsageGauge } from './usage-gauge';
