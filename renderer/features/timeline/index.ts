// The timeline feature's public entry: app/ and other features import only from here.
export { TimelineView } from './timeline-view';
