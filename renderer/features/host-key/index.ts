// The host-key feature's public entry: app/ and other features import only from here.
export { HostKeyChanged } from './host-key-changed';
export { HostKeyGate } from './host-key-gate';
export { HostKeyReview } from './host-key-dialog';
