import type { MasterPassphraseStatus } from '../../shared/contract';
import type { MainView } from '../lib/host-store';
import { modifierLabel } from '../lib/platform';

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

const views: Array<{ view: MainView; label: string }> = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'fleet', label: 'Fleet' },
  { view: 'timeline', label: 'Timeline' },
  { view: 'alerts', label: 'Alerts' },
  { view: 'audit', label: 'Audit' },
];

/** View switch (Dashboard / Fleet / Timeline / Alerts / Audit), the master-passphrase button and the quick-switcher button. */
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
        {views.map((each) => (
          <button
            key={each.view}
            type="button"
            className={`view-button${view === each.view ? ' view-button--active' : ''}`}
            aria-current={view === each.view ? 'page' : undefined}
            onClick={() => onViewChange(each.view)}
          >
            {each.label}
            {each.view === 'alerts' && alertCount > 0 ? (
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
          onClick={onOpenPassphrase}
        >
          {masterPassphrase === 'unlocked' ? 'Change master passphrase' : 'Set master passphrase'}
        </button>
      ) : null}
      {onOpenTlsWizard ? (
        <button type="button" className="button button--small button--ghost tls-wizard-button" onClick={onOpenTlsWizard}>
          Set up TLS…
        </button>
      ) : null}
      <button type="button" className="switch-button" onClick={onOpenSwitcher} aria-keyshortcuts="Control+K Meta+K">
        <span>Switch host…</span>
        <kbd>{modifierLabel()}K</kbd>
      </button>
    </div>
  );
}
