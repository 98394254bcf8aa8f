/**
 * The operator's settings: the window's theme and how hosts are connected (deadlines and the
 * reconnect policy). Kept by the main process (`settings.json` in the data directory), validated
 * with this schema on every read and write; the renderer edits them through `settings:get` /
 * `settings:save`.
 */
import { z } from 'zod';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

/** Bounds of each connection setting, in milliseconds: the form shows them, the schema enforces them. */
export const connectionSettingBounds = {
  requestTimeoutMs: { min: 1_000, max: 120_000 },
  heartbeatMs: { min: 5_000, max: 300_000 },
  backoffInitialMs: { min: 100, max: 60_000 },
  backoffMaxMs: { min: 1_000, max: 3_600_000 },
} as const;
export type ConnectionSettingName = keyof typeof connectionSettingBounds;

/** An integer setting held within its bounds (the form shows the same bounds). */
const boundedInt = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);
const bounded = (name: ConnectionSettingName) => boundedInt(connectionSettingBounds[name]);

export const connectionSettingsSchema = z
  .object({
    /** Deadline for opening a connection (TLS and SSH handshakes included) and for every request. */
    requestTimeoutMs: bounded('requestTimeoutMs'),
    /** How often a ready host is pinged, to notice a connection that died silently. */
    heartbeatMs: bounded('heartbeatMs'),
    /** The first reconnect waits about this long; every further attempt doubles it … */
    backoffInitialMs: bounded('backoffInitialMs'),
    /** … up to this ceiling. */
    backoffMaxMs: bounded('backoffMaxMs'),
  })
  .strict()
  .refine((value) => value.backoffMaxMs >= value.backoffInitialMs, {
    message: 'The longest reconnect wait must not be shorter than the first one',
    path: ['backoffMaxMs'],
  });
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

/** Bounds of the large-fleet connection policy (shared/fleet-contract.ts). */
export const fleetSettingBounds = {
  liveSessionLimit: { min: 1, max: 1_000 },
  healthIntervalSeconds: { min: 10, max: 3_600 },
  healthConnections: { min: 1, max: 256 },
  healthRequestsPerSecond: { min: 1, max: 500 },
} as const;
export type FleetSettingName = keyof typeof fleetSettingBounds;

const fleetBounded = (name: FleetSettingName) => boundedInt(fleetSettingBounds[name]);

export const defaultFleetSettings = {
  liveSessionLimit: 40,
  healthIntervalSeconds: 60,
  // Measured against one dockerd on 200 loopback ports (docs/architecture.md, "Large fleets"):
  // every status known at 1.79× the raw all-parallel floor with 16 reads at once, 1.59× with 48,
  // 1.10–1.47× with 64.
  healthConnections: 64,
  healthRequestsPerSecond: 40,
};

export const fleetSettingsSchema = z
  .object({
    /** Up to this many saved hosts, every host is held live; beyond it only the hosts in view are. */
    liveSessionLimit: fleetBounded('liveSessionLimit'),
    /** How often a standby host gets its light health read. */
    healthIntervalSeconds: fleetBounded('healthIntervalSeconds'),
    /** At most this many standby hosts are read at once … */
    healthConnections: fleetBounded('healthConnections'),
    /** … and at most this many of their requests start per second. */
    healthRequestsPerSecond: fleetBounded('healthRequestsPerSecond'),
  })
  .strict();
export type FleetSettings = z.infer<typeof fleetSettingsSchema>;

export const settingsSchema = z
  .object({
    theme: z.enum(themeChoices),
    connection: connectionSettingsSchema,
    /** Absent in settings saved before it existed: the defaults. */
    fleet: fleetSettingsSchema.default(defaultFleetSettings),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

/** What Berth uses until the operator changes something (the values the core had built in). */
export const defaultSettings: Settings = {
  theme: 'system',
  connection: { requestTimeoutMs: 10_000, heartbeatMs: 15_000, backoffInitialMs: 500, backoffMaxMs: 30_000 },
  fleet: defaultFleetSettings,
};
