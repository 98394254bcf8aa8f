import { defaultFleetSettings } from '../../../shared/settings';
import { describeFleetPolicy, fleetBoundsText, fleetFieldOrder, fleetFormOf, readFleetForm, sameFleetSettings } from './fleet-form';
import type { SectionSpec } from './settings-section';

/** Settings → Fleet: the large-fleet connection policy (shared/fleet-contract.ts), in plain words. */
export const fleetSection: SectionSpec<'fleet'> = {
  key: 'fleet',
  title: 'Fleet',
  formLabel: 'Fleet settings',
  fieldOrder: fleetFieldOrder,
  fieldText: {
    liveSessionLimit: {
      label: 'Hosts held live',
      hint: 'Up to this many saved hosts, every host keeps a live connection and events stream.',
    },
    healthIntervalSeconds: {
      label: 'Standby check interval (seconds)',
      hint: 'How often each host on standby gets its light health read.',
    },
    healthConnections: {
      label: 'Standby checks at once',
      hint: 'At most this many standby hosts are read at the same time.',
    },
    healthRequestsPerSecond: {
      label: 'Standby requests per second',
      hint: 'At most this many requests of those checks start each second, across the fleet.',
    },
  },
  boundsText: fleetBoundsText,
  formOf: fleetFormOf,
  read: readFleetForm,
  same: sameFleetSettings,
  defaults: defaultFleetSettings,
  saveLabel: 'Save fleet settings',
  errorTitle: 'The fleet settings could not be saved:',
  inputMode: 'numeric',
  intro: (shown) => (
    <p className="settings-policy" aria-live="polite">
      {describeFleetPolicy(shown)}
    </p>
  ),
  note: 'A standby host shows its last snapshot and a hollow status dot; opening or pinning it brings it live at once.',
};
