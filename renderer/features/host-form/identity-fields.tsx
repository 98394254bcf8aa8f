import { useId } from 'react';
import { ProductionBadge } from '../../components/production-badge';
import { type FieldErrors, type HostForm, hasProductionTag, withProductionTag } from './form-state';
import { TextField } from '../../components/text-field';

const PALETTE: Array<[string, string]> = [
  ['#3e63dd', 'Blue'],
  ['#12a594', 'Teal'],
  ['#30a46c', 'Green'],
  ['#f5a524', 'Amber'],
  ['#f76b15', 'Orange'],
  ['#e5484d', 'Red'],
  ['#d6409f', 'Pink'],
  ['#8e4ec6', 'Purple'],
  ['#8b8d98', 'Grey'],
];

/** Name, colour, tags, and the production switch. */
export function IdentityFields({ form, errors, onChange }: { form: HostForm; errors: FieldErrors; onChange: (form: HostForm) => void }) {
  const production = hasProductionTag(form);
  const colorLabel = useId();
  return (
    <fieldset className="fieldset">
      <legend className="visually-hidden">Host</legend>
      <div className="field-row">
        <TextField
          label="Name"
          value={form.name}
          onChange={(name) => onChange({ ...form, name })}
          error={errors.name}
          placeholder="e.g. prod-api-01"
          required
          className="grow"
          autoFocus={!form.isNew}
        />
        <TextField
          label="Tags"
          value={form.tags}
          onChange={(tags) => onChange({ ...form, tags })}
          error={errors.tags}
          placeholder="e.g. eu-west, api"
          hint="Comma-separated."
          className="grow"
        />
      </div>
      <div className="field-row">
        <div className="field" role="radiogroup" aria-labelledby={colorLabel}>
          <span id={colorLabel} className="field-label">
            Colour
          </span>
          <div className="palette">
            <button
              type="button"
              role="radio"
              aria-checked={form.color === ''}
              aria-label="No colour"
              className="palette-swatch palette-swatch--none"
              onClick={() => onChange({ ...form, color: '' })}
            />
            {PALETTE.map(([value, name]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={form.color.toLowerCase() === value}
                aria-label={name}
                className="palette-swatch"
                style={{ backgroundColor: value }}
                onClick={() => onChange({ ...form, color: value })}
              />
            ))}
            <input
              type="color"
              aria-label="Custom colour"
              className="palette-custom"
              value={form.color === '' ? '#8b8d98' : form.color}
              onChange={(event) => onChange({ ...form, color: event.target.value })}
            />
          </div>
          {errors.color ? <p className="field-error">{errors.color}</p> : null}
        </div>
        <label className={`production-toggle${production ? ' production-toggle--on' : ''}`}>
          <input type="checkbox" checked={production} onChange={(event) => onChange(withProductionTag(form, event.target.checked))} />
          <span>
            Production host <ProductionBadge size="small" />
          </span>
          <span className="field-hint">Adds the “production” tag: the host is marked red everywhere.</span>
        </label>
      </div>
    </fieldset>
  );
}
