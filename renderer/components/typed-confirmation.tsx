/**
 * The field a production host asks for before a destructive step: the operator types `expected`
 * exactly (main checks it again). `attempted`: the operator tried to go ahead, so a mismatch is said.
 */
export function TypedConfirmation({
  expected,
  what,
  value,
  attempted,
  onChange,
}: {
  expected: string;
  /** What `expected` is, e.g. " (the container’s name)"; empty when the sentence says it. */
  what: string;
  value: string;
  attempted: boolean;
  onChange: (value: string) => void;
}) {
  const mismatch = attempted && value.trim() !== expected;
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
