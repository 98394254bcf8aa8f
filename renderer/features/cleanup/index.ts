// The cleanup feature's public entry: app/, the dashboard and the fleet import only from here.
export { CleanupView } from './cleanup-view';
export { FreeSpacePanel } from './free-space-panel';
export { readFreeSpace, useFreeSpaces } from './free-space-reads';
