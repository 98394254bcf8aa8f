// The fleet feature's public entry: app/ and other features import only from here.
export { FleetView } from './fleet-view';
