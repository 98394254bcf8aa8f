import { RotateCcw, Save } from 'lucide-react';

/** A settings section's Save and Restore defaults buttons, and "Saved." while the form still says what was saved. */
export function SettingsFormActions({
  saveLabel,
  saving,
  unchanged,
  atDefaults,
  saved,
  onRestoreDefaults,
}: {
  saveLabel: string;
  saving: boolean;
  unchanged: boolean;
  atDefaults: boolean;
  saved: boolean;
  onRestoreDefaults: () => void;
}) {
  return (
    <div className="settings-actions">
      <button type="submit" className="button button--primary" disabled={saving || unchanged}>
        <Save size={14} aria-hidden="true" />
        {saving ? 'Saving…' : saveLabel}
      </button>
      <button type="button" className="button button--ghost" disabled={saving || atDefaults} onClick={onRestoreDefaults}>
        <RotateCcw size={14} aria-hidden="true" />
        Restore defaults
      </button>
      {saved ? (
        <span role="status" className="settings-saved">
          Saved.
        </span>
      ) : null}
    </div>
  );
}
