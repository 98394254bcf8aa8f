// The quick-switcher feature's public entry: app/ and other features import only from here.
export { QuickSwitcher } from './quick-switcher';
export { useSwitcherShortcuts } from './use-switcher-shortcuts';
