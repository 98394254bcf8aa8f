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

const bounded = (name: ConnectionSettingName) =>
  z.number().int().min(connectionSettingBounds[name].min).max(connectionSettingBounds[name].max);

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

export const settingsSchema = z
  .object({
    theme: z.enum(themeChoices),
    connection: connectionSettingsSchema,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

/** What Berth uses until the operator changes something (the values the core had built in). */
export const defaultSettings: Settings = {
  theme: 'system',
  connection: { requestTimeoutMs: 10_000, heartbeatMs: 15_000, backoffInitialMs: 500, backoffMaxMs: 30_000 },
};
