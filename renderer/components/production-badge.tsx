/** The unmissable marker of a host tagged `production`. */
export function ProductionBadge({ size = 'normal' }: { size?: 'normal' | 'small' }) {
  return (
    <span className={`production-badge production-badge--${size}`} title="This host is tagged production">
      PRODUCTION
    </span>
  );
}
