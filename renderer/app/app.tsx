import { useCallback, useMemo, useState } from 'react';
import { isProduction } from '../../shared/profile';
import { EmptyState } from '../components/empty-state';
import { ErrorNotice } from '../components/error-notice';
import { Spinner } from '../components/spinner';
import { findHost } from '../lib/host-store';
import { AppNotices } from '../features/app-notices';
import { AlertsView, useAlertFeed } from '../features/alerts';
import { AuditView } from '../features/audit';
import { Dashboard } from '../features/dashboard';
import { FirstStart } from '../features/first-start';
import { FleetView } from '../features/fleet';
import { FleetContainersView } from '../features/fleet-containers';
import { type HostForm, HostFormDialog } from '../features/host-form';
import { HostKeyGate } from '../features/host-key';
import { HostSidebar, layoutHosts, shortcutOrder, useSidebarLayout } from '../features/hosts';
import { QuickSwitcher, useSwitcherShortcuts } from '../features/quick-switcher';
import { MasterPassphraseDialog, SecretsBar } from '../features/secrets';
import { SettingsView, useSettingsShortcut, useStartupTheme } from '../features/settings';
import { TimelineView } from '../features/timeline';
import { type TlsWizardLaunch, TlsWizardDialog } from '../features/tls-wizard';
import { useServices, useStoreState } from '../lib/services';
import { TopBar } from './top-bar';

type FormState = { mode: 'add'; initial?: Partial<HostForm> } | { mode: 'edit'; hostId: string } | null;

/** The window: sidebar, the selected view, and the dialogs (host form, quick switcher, host key). */
export function App() {
  const { store, api } = useServices();
  const phase = useStoreState((state) => state.phase);
  const loadError = useStoreState((state) => state.loadError);
  const hosts = useStoreState((state) => state.hosts);
  const view = useStoreState((state) => state.view);
  const selected = useStoreState((state) => findHost(state, state.selectedHostId));
  const [layout, setLayout] = useSidebarLayout();
  const [form, setForm] = useState<FormState>(null);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const [hostKeyRequested, setHostKeyRequested] = useState(false);
  const [passphraseOpen, setPassphraseOpen] = useState(false);
  const [tlsWizard, setTlsWizard] = useState<TlsWizardLaunch | null>(null);
  const masterPassphrase = useStoreState((state) => state.appInfo?.masterPassphrase);
  const shell = useStoreState((state) => state.appInfo?.shell);
  const alertCount = useAlertFeed(api, shell);

  useStartupTheme();
  useSettingsShortcut(() => {
    if (form === null && tlsWizard === null && !passphraseOpen) {
      setSwitcherOpen(false);
      store.setView('settings');
    }
  });

  const pinnedIds = useStoreState((state) => state.pinnedHostIds);
  const groups = useMemo(() => layoutHosts(hosts, layout, pinnedIds), [hosts, layout, pinnedIds]);
  const order = useMemo(() => shortcutOrder(groups), [groups]);

  useSwitcherShortcuts({
    onOpenSwitcher: () => {
      if (hosts.length > 0 && form === null && tlsWizard === null) setSwitcherOpen(true);
    },
    onJump: (index) => {
      const id = order[index];
      if (id && form === null && tlsWizard === null) {
        setSwitcherOpen(false);
        store.select(id);
      }
    },
  });

  const openAdd = useCallback((initial?: Partial<HostForm>) => setForm(initial ? { mode: 'add', initial } : { mode: 'add' }), []);
  const openEdit = useCallback((hostId: string) => setForm({ mode: 'edit', hostId }), []);
  const openAddBlank = useCallback(() => setForm({ mode: 'add' }), []);
  const reviewHostKey = useCallback(() => setHostKeyRequested(true), []);
  const secureHost = useCallback((hostId: string) => setTlsWizard({ hostId }), []);
  const editedHost = form?.mode === 'edit' ? hosts.find((host) => host.profile.id === form.hostId) : undefined;
  const productionSelected = view === 'dashboard' && selected !== undefined && isProduction(selected.profile);

  let content;
  if (phase === 'loading' && hosts.length === 0) {
    content = (
      <EmptyState title="Loading hosts…">
        <Spinner label="Loading hosts" />
      </EmptyState>
    );
  } else if (phase === 'error' && loadError) {
    content = (
      <div className="connection-state">
        {loadError.code === 'SHELL_TOKEN_MISSING' ? (
          // Trying again cannot help: only the printed URL carries the token.
          <ErrorNotice error={loadError} />
        ) : (
          <ErrorNotice error={loadError} title="Berth could not list your hosts:">
            <div className="notice-actions">
              <button type="button" className="button button--small" onClick={() => void store.load()}>
                Try again
              </button>
            </div>
          </ErrorNotice>
        )}
      </div>
    );
  } else if (view === 'settings') {
    // Before the first host too: the theme and timeouts can be chosen first.
    content = <SettingsView />;
  } else if (hosts.length === 0) {
    content = <FirstStart onAddHost={openAdd} />;
  } else if (view === 'fleet') {
    content = <FleetView tagFilter={layout.tagFilter} />;
  } else if (view === 'containers') {
    content = <FleetContainersView />;
  } else if (view === 'audit') {
    content = <AuditView />;
  } else if (view === 'timeline') {
    content = <TimelineView />;
  } else if (view === 'alerts') {
    content = <AlertsView />;
  } else {
    content = <Dashboard onEditHost={openEdit} onReviewHostKey={reviewHostKey} onSecureHost={secureHost} />;
  }

  return (
    <div className="app">
      <HostSidebar groups={groups} shortcutIds={order} layout={layout} onLayoutChange={setLayout} onAddHost={openAddBlank} />
      <main className={`app-main${productionSelected ? ' app-main--production' : ''}`}>
        <TopBar
          view={view}
          onViewChange={(next) => store.setView(next)}
          onOpenSwitcher={() => hosts.length > 0 && setSwitcherOpen(true)}
          onOpenTlsWizard={() => setTlsWizard({})}
          alertCount={alertCount}
          {...(masterPassphrase ? { onOpenPassphrase: () => setPassphraseOpen(true), masterPassphrase } : {})}
        />
        <SecretsBar onSetPassphrase={() => setPassphraseOpen(true)} />
        <AppNotices />
        <div className="app-content">{content}</div>
      </main>
      {form !== null ? (
        <HostFormDialog
          key={form.mode === 'edit' ? form.hostId : 'new'}
          host={editedHost}
          {...(form.mode === 'add' && form.initial ? { initial: form.initial } : {})}
          onClose={() => setForm(null)}
          onSecureWithTls={(address) => {
            setForm(null);
            setTlsWizard(address ? { address } : {});
          }}
        />
      ) : null}
      {tlsWizard !== null ? <TlsWizardDialog launch={tlsWizard} onClose={() => setTlsWizard(null)} /> : null}
      {switcherOpen ? <QuickSwitcher onClose={() => setSwitcherOpen(false)} /> : null}
      {passphraseOpen ? <MasterPassphraseDialog onClose={() => setPassphraseOpen(false)} /> : null}
      {form === null && tlsWizard === null && !switcherOpen && !passphraseOpen && view === 'dashboard' ? (
        <HostKeyGate host={selected} requested={hostKeyRequested} onRequestHandled={() => setHostKeyRequested(false)} />
      ) : null}
    </div>
  );
}
