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
}

const VIEWS: ReadonlyArray<readonly [MainView, string]> = [
  ['dashboard', 'Dashboard'],
  ['fleet', 'Fleet'],
  ['containers', 'Containers'],
  ['audit', 'Audit'],
];

/** View switch (Dashboard / Fleet / Containers / Audit), the master-passphrase button and the quick-switcher button. */
export function TopBar({ view, onViewChange, onOpenSwitcher, onOpenTlsWizard, masterPassphrase, onOpenPassphrase }: TopBarProps) {
  return (
    <div className="top-bar">
      <nav aria-label="Views" className="view-switch">
        {VIEWS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            className={`view-button${view === name ? ' view-button--active' : ''}`}
            aria-current={view === name ? 'page' : undefined}
            onClick={() => onViewChange(name)}
          >
            {label}
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
        <span>Search the fleet…</span>
        <kbd>{modifierLabel()}K</kbd>
      </button>
    </div>
  );
}
