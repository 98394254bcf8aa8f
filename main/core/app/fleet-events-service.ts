import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Alert, AlertsInvokeResults } from '../../../shared/alerts-contract.js';
import type { TimelineInvokeResults } from '../../../shared/timeline-contract.js';
import type { alertsInvokeSchemas } from '../../../shared/alerts-contract.js';
import type { timelineInvokeSchemas } from '../../../shared/timeline-contract.js';
import type { HostCertificates } from '../../../shared/certificate-health.js';
import type { z } from 'zod';
import { type AlertCenterOptions, AlertCenter } from '../alerts/alert-center.js';
import type { ConnectionEvent } from '../connection-manager.js';
import type { EventResumePoint } from '../timeline/event-resume.js';
import { JsonlTimelineStore } from '../timeline/jsonl-timeline-store.js';
import { defaultTimelineRetention, openTimelineStore } from '../timeline/open-timeline-store.js';
import { SqliteTimelineStore, loadSqlite } from '../timeline/sqlite-timeline-store.js';
import { TimelineRecorder } from '../timeline/timeline-recorder.js';
import type { TimelineStore } from '../timeline/timeline-store.js';
import type { AnyPushMessage } from './push-queue.js';

type Channels = typeof timelineInvokeSchemas & typeof alertsInvokeSchemas;
type Results = TimelineInvokeResults & AlertsInvokeResults;
export type FleetEventsHandlers = { [C in keyof Channels]: (input: z.output<Channels[C]>) => Promise<Results[C]> };

export interface FleetEventsOptions {
  /** timeline.sqlite (or timeline/*.jsonl), alerts.json and alert-settings.json live here; in memory without it. */
  dataDir?: string;
  hostName: (hostId: string) => string;
  broadcast: (message: AnyPushMessage) => void;
  /** Electron's desktop notification. */
  notify?: (alert: Alert) => void;
  warn?: (message: string) => void;
  /** Tests: a fake clock, fast webhook retries, a store. */
  alerts?: Pick<AlertCenterOptions, 'clock' | 'webhook'>;
  timelineStore?: TimelineStore;
}

/**
 * The fleet's event timeline and alerts, wired for the service: the connection manager's events
 * go to the timeline recorder and the alert engine; their channels answer from the store and
 * the alert center; new events and alerts are pushed to every client.
 */
export class FleetEventsService {
  private readonly store: TimelineStore;
  private readonly recorder: TimelineRecorder;
  readonly alerts: AlertCenter;

  constructor(options: FleetEventsOptions) {
    this.store = options.timelineStore ?? openStore(options.dataDir);
    this.recorder = new TimelineRecorder(
      this.store,
      (events) => options.broadcast({ channel: 'timeline:appended', payload: { events } }),
      (error) => options.warn?.(`The event timeline could not store events: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.alerts = new AlertCenter({
      ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
      hostName: options.hostName,
      push: (message) => options.broadcast(message),
      ...(options.notify && { notify: options.notify }),
      ...(options.warn && { warn: options.warn }),
      ...options.alerts,
    });
  }

  /** Where a host's stored events end: its session resumes `/events` from there. */
  resumePoint(hostId: string): EventResumePoint | undefined {
    try {
      return this.store.resumePoint(hostId);
    } catch {
      return undefined;
    }
  }

  onConnectionEvent(event: ConnectionEvent): void {
    if (event.type === 'docker-event') this.recorder.record(event.hostId, event.event);
    this.alerts.onConnectionEvent(event);
  }

  certificates(hostId: string, health: HostCertificates | undefined): void {
    if (health) this.alerts.certificates(hostId, health);
  }

  /** Stored events are written in batches: tests and shutdown write what waits. */
  flushTimeline(): void {
    this.recorder.flush();
  }

  handlers(): FleetEventsHandlers {
    return {
      'timeline:query': async (query) => {
        this.recorder.flush();
        return {
          ...this.store.query(query),
          retention: {
            maxEventsPerHost: defaultTimelineRetention.maxEventsPerHost,
            maxAgeDays: Math.round(defaultTimelineRetention.maxAgeMs / 86_400_000),
            store: this.store.kind,
          },
        };
      },
      'alerts:list': async (filter) => this.alerts.list(filter),
      'alerts:acknowledge': async ({ ids, all }) => this.alerts.acknowledge(ids, all),
      'alerts:settings': async () => this.alerts.settings(),
      'alerts:save-settings': async ({ settings }) => this.alerts.saveSettings(settings),
    };
  }

  dispose(): void {
    this.recorder.close();
    this.alerts.dispose();
  }
}

function openStore(dataDir: string | undefined): TimelineStore {
  if (dataDir !== undefined) return openTimelineStore(dataDir);
  const sqlite = loadSqlite();
  if (sqlite) return new SqliteTimelineStore(sqlite, ':memory:', defaultTimelineRetention);
  return new JsonlTimelineStore(mkdtempSync(path.join(os.tmpdir(), 'berth-timeline-')), defaultTimelineRetention);
}
