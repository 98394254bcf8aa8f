import { memo } from 'react';
import { formatBytes, formatFraction } from '../../lib/format';
import { CRITICAL_FRACTION, WARNING_FRACTION, usageLevel } from './usage-level';

export interface UsageGaugeProps {
  label: string;
  used: number | undefined;
  total: number | undefined;
  available: number | undefined;
  fraction: number | undefined;
  /** Thin Pool Minimum Free Space, for the data gauge. */
  minimumFree?: number | undefined;
}

const SIZE = 112;
const STROKE = 10;
const RADIUS = (SIZE - STROKE) / 2;
const CENTER = SIZE / 2;
const START = 135;
const SWEEP = 270;

function point(angle: number): [number, number] {
  const radians = (angle * Math.PI) / 180;
  return [CENTER + RADIUS * Math.cos(radians), CENTER + RADIUS * Math.sin(radians)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = point(START + SWEEP * from);
  const [x2, y2] = point(START + SWEEP * to);
  const large = SWEEP * (to - from) > 180 ? 1 : 0;
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${RADIUS} ${RADIUS} 0 ${large} 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

function tick(fraction: number): string {
  const angle = ((START + SWEEP * fraction) * Math.PI) / 180;
  const inner = RADIUS - STROKE / 2 - 3;
  const outer = RADIUS + STROKE / 2 + 1;
  return `M ${(CENTER + inner * Math.cos(angle)).toFixed(2)} ${(CENTER + inner * Math.sin(angle)).toFixed(2)} L ${(CENTER + outer * Math.cos(angle)).toFixed(2)} ${(CENTER + outer * Math.sin(angle)).toFixed(2)}`;
}

/** A thin-pool space gauge: an SVG arc coloured at 80 % / 90 %, and the figures beside it. */
export const UsageGauge = memo(function UsageGauge({ label, used, total, available, fraction, minimumFree }: UsageGaugeProps) {
  const level = usageLevel(fraction);
  const clamped = fraction === undefined ? 0 : Math.max(0, Math.min(1, fraction));
  const percentText = formatFraction(fraction);
  const belowMinimum = available !== undefined && minimumFree !== undefined && available < minimumFree;
  const valueText =
    fraction === undefined
      ? 'unknown'
      : `${percentText} used (${used !== undefined ? formatBytes(used) : '–'} of ${total !== undefined ? formatBytes(total) : '–'})`;
  return (
    <div className={`gauge gauge--${level}`}>
      <div
        className="gauge-dial"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === undefined ? undefined : Math.round(clamped * 100)}
        aria-valuetext={valueText}
      >
        <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} aria-hidden="true">
          <path d={arc(0, 1)} className="gauge-track" strokeWidth={STROKE} fill="none" strokeLinecap="round" />
          {clamped > 0 ? (
            <path d={arc(0, Math.max(clamped, 0.005))} className="gauge-value" strokeWidth={STROKE} fill="none" strokeLinecap="round" />
          ) : null}
          <path d={tick(WARNING_FRACTION)} className="gauge-tick gauge-tick--warning" />
          <path d={tick(CRITICAL_FRACTION)} className="gauge-tick gauge-tick--critical" />
          <text x={CENTER} y={CENTER + 2} textAnchor="middle" className="gauge-percent">
            {percentText}
          </text>
          <text x={CENTER} y={CENTER + 18} textAnchor="middle" className="gauge-caption">
            used
          </text>
        </svg>
      </div>
      <div className="gauge-figures">
        <div className="gauge-label">{label}</div>
        <dl className="figures">
          <div>
            <dt>Used</dt>
            <dd>{used !== undefined ? formatBytes(used) : '–'}</dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd>{total !== undefined ? formatBytes(total) : '–'}</dd>
          </div>
          <div>
            <dt>Available</dt>
            <dd className={belowMinimum ? 'text-critical' : undefined}>{available !== undefined ? formatBytes(available) : '–'}</dd>
          </div>
          {minimumFree !== undefined ? (
            <div>
              <dt>Min. free space</dt>
              <dd>{formatBytes(minimumFree)}</dd>
            </div>
          ) : null}
        </dl>
        {belowMinimum ? <p className="gauge-alert text-critical">Available space is below the pool's minimum free space.</p> : null}
      </div>
    </div>
  );
});
