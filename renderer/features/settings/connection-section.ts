import { defaultSettings } from '../../../shared/settings';
import { boundsText, connectionFieldOrder, formOf, readConnectionForm, sameConnectionSettings } from './connection-form';
import type { SectionSpec } from './settings-section';

/** Settings → Connections: deadlines, heartbeat and reconnect backoff, edited in seconds. */
export const connectionSection: SectionSpec<'connection'> = {
  key: 'connection',
  title: 'Connections',
  formLabel: 'Connection settings',
  fieldOrder: connectionFieldOrder,
  fieldText: {
    requestTimeoutMs: {
      label: 'Connect and request timeout (seconds)',
      hint: 'How long Berth waits to open a connection (TLS and SSH handshakes included) and for each answer of the daemon.',
    },
    heartbeatMs: {
      label: 'Heartbeat interval (seconds)',
      hint: 'How often a connected host is pinged, to notice a connection that died without a word.',
    },
    backoffInitialMs: {
      label: 'First reconnect wait (seconds)',
      hint: 'After a connection drops, Berth waits about this long before it tries again, and twice as long after each further failure.',
    },
    backoffMaxMs: {
      label: 'Longest reconnect wait (seconds)',
      hint: 'The wait stops growing here. Each host waits a random part of the upper half, so hosts that dropped together do not retry in lockstep.',
    },
  },
  boundsText,
  formOf,
  read: readConnectionForm,
  same: sameConnectionSettings,
  defaults: defaultSettings.connection,
  saveLabel: 'Save connection settings',
  errorTitle: 'The connection settings could not be saved:',
  note: 'New values apply to each host from its next connect — a reconnect, or Retry on its dashboard. Connections already open keep theirs.',
};
