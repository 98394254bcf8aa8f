// The app notices feature's public entry.
export { AppNotices } from './app-notices';
