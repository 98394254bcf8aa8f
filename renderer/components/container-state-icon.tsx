import { CircleDashed, CircleX, type LucideIcon, Pause, Play, RotateCw, Square, Trash2 } from 'lucide-react';

/** Docker's container states (`State` in /containers/json) and the icon each reads as. */
const stateIcons: Record<string, LucideIcon> = {
  running: Play,
  exited: Square,
  paused: Pause,
  restarting: RotateCw,
  dead: CircleX,
  created: CircleDashed,
  removing: Trash2,
};

/** The state pill's icon; decorative, the state's name is beside it. Unknown states get none. */
export function ContainerStateIcon({ state }: { state: string }) {
  const Icon = stateIcons[state];
  return Icon ? <Icon className="state-pill-icon" size={11} strokeWidth={2.5} aria-hidden="true" /> : null;
}
