// The dashboard feature's public entry: app/ and other features import only from here.
export { Dashboard } from './dashboard';
