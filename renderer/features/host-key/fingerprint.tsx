/** A SHA256 fingerprint in monospace, split so it wraps cleanly and reads in chunks. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <div className="fingerprint">
      <div className="fingerprint-label">{label}</div>
      <code className="fingerprint-value" aria-label={`${label}: ${value}`}>
        {value || 'unknown'}
      </code>
    </div>
  );
}
