import { type ReactNode, useState } from 'react';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { toApiError } from '../../lib/api';
import { SettingsFormActions } from './settings-form-actions';

/** The settings sections edited as a form of number fields. */
export type SectionKey = 'connection' | 'fleet';
type FieldName<K extends SectionKey> = keyof Settings[K] & string;
type SectionForm<K extends SectionKey> = Record<FieldName<K>, string>;
type SectionErrors<K extends SectionKey> = Partial<Record<FieldName<K>, string>>;

/** What makes one section: its fields, how a form is read (with the schema's bounds) and its words. */
export interface SectionSpec<K extends SectionKey> {
  key: K;
  title: string;
  /** The form's accessible name. */
  formLabel: string;
  fieldOrder: readonly FieldName<K>[];
  fieldText: Record<FieldName<K>, { label: string; hint: string }>;
  boundsText: (name: FieldName<K>) => string;
  formOf: (value: Settings[K]) => SectionForm<K>;
  read: (form: SectionForm<K>) => { ok: true; value: Settings[K] } | { ok: false; errors: SectionErrors<K> };
  same: (a: Settings[K], b: Settings[K]) => boolean;
  defaults: Settings[K];
  saveLabel: string;
  errorTitle: string;
  inputMode?: 'numeric';
  /** Above the fields, given what the form says (or the saved values while a field is invalid). */
  intro?: (shown: Settings[K]) => ReactNode;
  /** Below the fields. */
  note: ReactNode;
}

/**
 * One settings section: its fields with hints and bounds, errors by the field before anything is
 * sent, Save (the whole settings, this section replaced), Restore defaults, and "Saved." while the
 * form still says what the last Save stored.
 */
export function SettingsSection<K extends SectionKey>({
  spec,
  settings,
  save,
}: {
  spec: SectionSpec<K>;
  settings: Settings;
  save: (next: Settings) => Promise<Settings>;
}) {
  const [form, setForm] = useState<SectionForm<K>>(() => spec.formOf(settings[spec.key]));
  const [errors, setErrors] = useState<SectionErrors<K>>({});
  const [saveError, setSaveError] = useState<ErrorEnvelope | null>(null);
  const [saving, setSaving] = useState(false);
  const [lastSaved, setLastSaved] = useState<Settings[K] | null>(null);

  const read = spec.read(form);
  const unchanged = read.ok && spec.same(read.value, settings[spec.key]);
  const atDefaults = read.ok && spec.same(read.value, spec.defaults);
  const saved = read.ok && lastSaved !== null && spec.same(read.value, lastSaved);

  const submit = () => {
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    setSaveError(null);
    setSaving(true);
    save({ ...settings, [spec.key]: read.value }).then(
      (value) => {
        setSaving(false);
        setForm(spec.formOf(value[spec.key]));
        setLastSaved(value[spec.key]);
      },
      (failure: unknown) => {
        setSaving(false);
        setSaveError(toApiError(failure).toEnvelope());
      },
    );
  };

  return (
    <Panel title={spec.title} className="settings-panel">
      <form
        className="settings-form"
        aria-label={spec.formLabel}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {spec.intro ? spec.intro(read.ok ? read.value : settings[spec.key]) : null}
        <div className="settings-fields">
          {spec.fieldOrder.map((name) => (
            <TextField
              key={name}
              label={spec.fieldText[name].label}
              value={form[name]}
              {...(spec.inputMode && { inputMode: spec.inputMode })}
              onChange={(value) => {
                setForm((current) => ({ ...current, [name]: value }));
                setErrors((current) => ({ ...current, [name]: undefined }));
              }}
              error={errors[name]}
              hint={`${spec.fieldText[name].hint} Allowed: ${spec.boundsText(name)}.`}
              mono
              className="settings-field"
            />
          ))}
        </div>
        <p className="muted settings-note">{spec.note}</p>
        {saveError ? <ErrorNotice error={saveError} title={spec.errorTitle} /> : null}
        <SettingsFormActions
          saveLabel={spec.saveLabel}
          saving={saving}
          unchanged={unchanged}
          atDefaults={atDefaults}
          saved={saved}
          onRestoreDefaults={() => {
            setForm(spec.formOf(spec.defaults));
            setErrors({});
          }}
        />
      </form>
    </Panel>
  );
}
