import type { ReactNode } from 'react';

/**
 * The production guard's field: the operator types `expected` before a destructive action's
 * button works (main checks the same text again). `attempted`: the form was submitted, so a
 * mismatch is said.
 */
export function TypedConfirmation({
  expected,
  what,
  value,
  onChange,
  attempted,
}: {
  expected: string;
  /** After "to confirm", e.g. " (the container’s name)". */
  what?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  attempted: boolean;
}) {
  const mismatch = attempted && value !== expected;
  return (
    <label className="field confirm-typed">
      <span className="field-label">
        This is a production host. Type <strong className="mono">{expected}</strong> to confirm{what}.
      </span>
      <input
        className={`input mono${mismatch ? ' input--invalid' : ''}`}
        aria-label="Confirmation"
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {mismatch ? (
        <span className="field-error" role="alert">
          That is not “{expected}”. Type it exactly to go ahead.
        </span>
      ) : null}
    </label>
  );
}
