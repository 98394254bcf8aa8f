// The fleet containers view's public entry: app/ and other features import only from here.
export { FleetContainersView } from './fleet-containers-view';
