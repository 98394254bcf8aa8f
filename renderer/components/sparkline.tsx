import { memo } from 'react';

export interface SparklineProps {
  /** Values oldest first; `null` marks a gap (no sample). */
  values: ReadonlyArray<number | null>;
  /** How many samples the width stands for, so a young series grows from the right. */
  capacity: number;
  /** The top of the scale; defaults to the largest value (at least `minMax`). */
  max?: number;
  minMax?: number;
  label: string;
  width?: number;
  height?: number;
  className?: string;
}

const PAD = 1;

/** The SVG path of a series: a line (`d`) and the area under it (`area`), in a width × height box. */
export function sparklinePath(
  values: ReadonlyArray<number | null>,
  capacity: number,
  max: number,
  width: number,
  height: number,
): { line: string; area: string } {
  const slots = Math.max(capacity, values.length, 2) - 1;
  const step = width / slots;
  const offset = Math.max(capacity, values.length) - values.length;
  const scale = max > 0 ? (height - 2 * PAD) / max : 0;
  let line = '';
  let area = '';
  let runStart: number | null = null;
  let lastX = 0;
  values.forEach((value, index) => {
    const x = (offset + index) * step;
    if (value === null || !Number.isFinite(value)) {
      if (runStart !== null) area += `L${lastX.toFixed(1)},${height}L${runStart.toFixed(1)},${height}Z`;
      runStart = null;
      return;
    }
    const y = height - PAD - Math.min(Math.max(value, 0), max) * scale;
    const point = `${x.toFixed(1)},${y.toFixed(1)}`;
    if (runStart === null) {
      line += `M${point}`;
      area += `M${point}`;
      runStart = x;
    } else {
      line += `L${point}`;
      area += `L${point}`;
    }
    lastX = x;
  });
  if (runStart !== null) area += `L${lastX.toFixed(1)},${height}L${(runStart as number).toFixed(1)},${height}Z`;
  return { line, area };
}

/** A small line chart without axes: the shape of a value over the last minutes. */
export const Sparkline = memo(function Sparkline({
  values,
  capacity,
  max,
  minMax = 0,
  label,
  width = 160,
  height = 36,
  className,
}: SparklineProps) {
  const top = max ?? Math.max(minMax, ...values.map((value) => (value === null || !Number.isFinite(value) ? 0 : value)));
  const { line, area } = sparklinePath(values, capacity, top, width, height);
  return (
    <svg
      className={`sparkline${className ? ` ${className}` : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height={height}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <rect className="sparkline-track" x={0} y={0} width={width} height={height} />
      <line className="sparkline-base" x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} />
      <path className="sparkline-area" d={area} />
      <path className="sparkline-line" d={line} vectorEffect="non-scaling-stroke" />
    </svg>
  );
});
