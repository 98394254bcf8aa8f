import { Pin, PinOff } from 'lucide-react';

/**
 * Pins or unpins a host. A pinned host is listed first and stays in view, so main holds it live
 * however large the fleet (shared/fleet-contract.ts). Shows a filled pin when pinned.
 */
export function PinButton({
  hostName,
  pinned,
  onToggle,
  className = '',
}: {
  hostName: string;
  pinned: boolean;
  onToggle: () => void;
  className?: string;
}) {
  const label = pinned ? `Unpin ${hostName}` : `Pin ${hostName}`;
  return (
    <button
      type="button"
      className={`pin-button${pinned ? ' pin-button--pinned' : ''} ${className}`.trim()}
      aria-label={label}
      aria-pressed={pinned}
      title={pinned ? 'Pinned: listed first and kept live. Click to unpin.' : 'Pin: list it first and keep it live'}
      onClick={(event) => {
        event.stopPropagation();
        onToggle();
      }}
    >
      {pinned ? <Pin size={13} aria-hidden="true" fill="currentColor" /> : <Pin size={13} aria-hidden="true" />}
      <PinOff size={13} aria-hidden="true" className="pin-button-off" />
    </button>
  );
}
