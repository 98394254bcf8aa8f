// The containers feature's public entry: app/ and other features import only from here.
export { ContainersPanel } from './containers-panel';
export type { HostColumn, RowHost } from './host-column';
