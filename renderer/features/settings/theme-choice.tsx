import { Monitor, Moon, Sun } from 'lucide-react';
import type { ThemeChoice } from '../../../shared/settings';

const options: ReadonlyArray<{ value: ThemeChoice; label: string; hint: string; Icon: typeof Sun }> = [
  { value: 'system', label: 'System', hint: 'Follow the operating system', Icon: Monitor },
  { value: 'light', label: 'Light', hint: 'Always light', Icon: Sun },
  { value: 'dark', label: 'Dark', hint: 'Always dark', Icon: Moon },
];

/** System / Light / Dark as one radio group: the choice applies as soon as it is picked. */
export function ThemeChoicePicker({
  value,
  onChange,
  disabled,
}: {
  value: ThemeChoice;
  onChange: (choice: ThemeChoice) => void;
  disabled?: boolean;
}) {
  return (
    <div role="radiogroup" aria-label="Theme" className="theme-choice">
      {options.map(({ value: option, label, hint, Icon }) => (
        <label key={option} className={`theme-option${value === option ? ' theme-option--selected' : ''}`} title={hint}>
          <input
            type="radio"
            name="theme"
            value={option}
            checked={value === option}
            disabled={disabled}
            onChange={() => onChange(option)}
            className="theme-option-input"
          />
          <Icon size={16} aria-hidden="true" />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}
