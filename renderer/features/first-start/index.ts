// The first-start feature's public entry: app/ and other features import only from here.
export { FirstStart } from './first-start';
