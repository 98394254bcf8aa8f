// The hosts feature's public entry: app/ and other features import only from here.
export { HostSidebar } from './host-sidebar';
export { layoutHosts, shortcutOrder } from './layout-hosts';
export { useSidebarLayout } from './use-sidebar-layout';
