// The settings feature's public entry: app/ and other features import only from here.
export { SettingsView } from './settings-view';
export { useStartupTheme } from './use-settings';
export { settingsShortcutKeys, settingsShortcutLabel, useSettingsShortcut } from './use-settings-shortcut';
