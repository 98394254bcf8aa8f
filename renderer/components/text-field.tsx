import { type ReactNode, useId } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'password' | 'number';
  placeholder?: string;
  mono?: boolean;
  className?: string;
  autoComplete?: string;
  required?: boolean;
  multiline?: boolean;
  inputMode?: 'numeric' | 'text';
  /** Focus this field when its dialog opens. */
  autoFocus?: boolean;
}

/** A labelled input with its hint and error wired to aria-describedby / aria-invalid. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  placeholder,
  mono,
  className,
  autoComplete = 'off',
  required,
  multiline,
  inputMode,
  autoFocus,
}: TextFieldProps) {
  const id = useId();
  const describedBy = fieldDescribedBy(id, error, hint);
  const common = {
    id,
    value,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required ? true : undefined,
    'data-autofocus': autoFocus ? true : undefined,
    spellCheck: false,
    className: `input${mono ? ' mono' : ''}${error ? ' input--invalid' : ''}`,
  } as const;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {multiline ? (
        <textarea {...common} rows={5} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** The ids a field's input names in aria-describedby: its error, then its hint. */
export function fieldDescribedBy(id: string, error: string | undefined, hint: ReactNode): string | undefined {
  return [error ? `${id}-error` : undefined, hint ? `${id}-hint` : undefined].filter(Boolean).join(' ') || undefined;
}

/** A field's error and hint under its input, with the ids fieldDescribedBy names. */
export function FieldNotes({ id, error, hint }: { id: string; error?: string | undefined; hint?: ReactNode }) {
  return (
    <>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </>
  );
}
