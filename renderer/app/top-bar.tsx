import {
  Bell,
  Boxes,
  History,
  KeyRound,
  LayoutDashboard,
  type LucideIcon,
  ScrollText,
  Search,
  Server,
  Settings,
  ShieldCheck,
} from 'lucide-react';
import type { MasterPassphraseStatus } from '../../shared/contract';
import type { MainView } from '../lib/host-store';
import { modifierLabel } from '../lib/platform';
import { settingsShortcutKeys, settingsShortcutLabel } from '../features/settings';

export interface TopBarProps {
  view: MainView;
  onViewChange: (view: MainView) => void;
  onOpenSwitcher: () => void;
  /** Opens the TLS setup wizard. */
  onOpenTlsWizard?: () => void;
  /** Present when the secret store offers a master passphrase. */
  masterPassphrase?: MasterPassphraseStatus;
  onOpenPassphrase?: () => void;
  /** Unacknowledged alerts, shown on the Alerts button. */
  alertCount?: number;
}

const views: ReadonlyArray<{ view: MainView; label: string; Icon: LucideIcon }> = [
  { view: 'dashboard', label: 'Dashboard', Icon: LayoutDashboard },
  { view: 'fleet', label: 'Fleet', Icon: Server },
  { view: 'containers', label: 'Containers', Icon: Boxes },
  { view: 'timeline', label: 'Timeline', Icon: History },
  { view: 'alerts', label: 'Alerts', Icon: Bell },
  { view: 'audit', label: 'Audit', Icon: ScrollText },
];

/** View switch (Dashboard / Fleet / Containers / Timeline / Alerts / Audit), the master-passphrase and TLS buttons, fleet search and Settings. */
export function TopBar({
  view,
  onViewChange,
  onOpenSwitcher,
  onOpenTlsWizard,
  masterPassphrase,
  onOpenPassphrase,
  alertCount = 0,
}: TopBarProps) {
  return (
    <div className="top-bar">
      <nav aria-label="Views" className="view-switch">
        {views.map(({ view: each, label, Icon }) => (
          <button
            key={each}
            type="button"
            className={`view-button${view === each ? ' view-button--active' : ''}`}
            aria-current={view === each ? 'page' : undefined}
            title={label}
            onClick={() => onViewChange(each)}
          >
            <Icon size={14} aria-hidden="true" />
            <span className="top-bar-label top-bar-label--view">{label}</span>
            {each === 'alerts' && alertCount > 0 ? (
              <span className="view-count" aria-label={`${alertCount} unacknowledged`}>
                {alertCount > 99 ? '99+' : alertCount}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      {masterPassphrase && masterPassphrase !== 'locked' && onOpenPassphrase ? (
        <button
          type="button"
          className={`button button--small button--ghost secrets-button secrets-button--${masterPassphrase}`}
          title={masterPassphrase === 'unlocked' ? 'Change master passphrase' : 'Set master passphrase'}
          onClick={onOpenPassphrase}
        >
          <KeyRound size={14} aria-hidden="true" />
          <span className="top-bar-label">{masterPassphrase === 'unlocked' ? 'Change master passphrase' : 'Set master passphrase'}</span>
        </button>
      ) : null}
      {onOpenTlsWizard ? (
        <button
          type="button"
          className="button button--small button--ghost tls-wizard-button"
          title="Set up TLS…"
          onClick={onOpenTlsWizard}
        >
          <ShieldCheck size={14} aria-hidden="true" />
          <span className="top-bar-label">Set up TLS…</span>
        </button>
      ) : null}
      <button type="button" className="switch-button" onClick={onOpenSwitcher} aria-keyshortcuts="Control+K Meta+K">
        <span className="switch-button-label">
          <Search size={14} aria-hidden="true" />
          Search the fleet…
        </span>
        <kbd>{modifierLabel()}K</kbd>
      </button>
      <button
        type="button"
        className={`icon-button settings-button${view === 'settings' ? ' icon-button--active' : ''}`}
        aria-label="Settings"
        title={`Settings (${settingsShortcutLabel()})`}
        aria-keyshortcuts={settingsShortcutKeys()}
        aria-current={view === 'settings' ? 'page' : undefined}
        onClick={() => onViewChange('settings')}
      >
        <Settings size={16} aria-hidden="true" />
      </button>
    </div>
  );
}
