import { memo } from 'react';
import type { DiskUsage, DiskUsageCategory } from '../../../shared/snapshot';
import { Panel } from '../../components/panel';
import { formatBytes } from '../../lib/format';

const CATEGORIES: Array<[keyof Omit<DiskUsage, 'shape'>, string]> = [
  ['images', 'Images'],
  ['containers', 'Containers'],
  ['volumes', 'Local volumes'],
  ['buildCache', 'Build cache'],
];

const BAR_WIDTH = 200;
const BAR_HEIGHT = 10;

function Bar({ category, max }: { category: DiskUsageCategory; max: number }) {
  const scale = max > 0 ? BAR_WIDTH / max : 0;
  const size = category.sizeBytes * scale;
  const reclaimable = Math.min(category.reclaimableBytes, category.sizeBytes) * scale;
  const inUse = Math.max(0, size - reclaimable);
  return (
    <svg
      className="df-bar"
      viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}
      width="100%"
      height={BAR_HEIGHT}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <rect className="df-bar-track" x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} rx={2} />
      {inUse > 0 ? <rect className="df-bar-used" x={0} y={0} width={Math.max(inUse, 1)} height={BAR_HEIGHT} rx={2} /> : null}
      {reclaimable > 0 ? (
        <rect className="df-bar-reclaimable" x={inUse} y={0} width={Math.max(reclaimable, 1)} height={BAR_HEIGHT} rx={2} />
      ) : null}
    </svg>
  );
}

/** `docker system df`: what images, containers, volumes and build cache take, and what could be freed. */
export const DiskUsageChart = memo(function DiskUsageChart({ usage }: { usage: DiskUsage | null }) {
  if (!usage) {
    return (
      <Panel title="Disk usage" className="df-panel">
        <p className="muted">
          This daemon did not report disk usage (<code>GET /system/df</code> needs Engine API 1.25 or later, or the request failed).
        </p>
      </Panel>
    );
  }
  const max = Math.max(...CATEGORIES.map(([key]) => usage[key].sizeBytes));
  const total = CATEGORIES.reduce((sum, [key]) => sum + usage[key].sizeBytes, 0);
  const reclaimable = CATEGORIES.reduce((sum, [key]) => sum + Math.min(usage[key].reclaimableBytes, usage[key].sizeBytes), 0);
  return (
    <Panel
      title="Disk usage"
      className="df-panel"
      actions={
        <span className="muted">
          {formatBytes(total)} total · {formatBytes(reclaimable)} reclaimable
        </span>
      }
    >
      <table className="data-table df-table" aria-label="Disk usage">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Active
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Reclaimable
            </th>
            <th scope="col" className="df-bar-cell">
              <span className="legend">
                <span className="legend-swatch legend-swatch--used" aria-hidden="true" /> used
                <span className="legend-swatch legend-swatch--reclaimable" aria-hidden="true" /> reclaimable
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map(([key, label]) => {
            const category = usage[key];
            const percent =
              category.sizeBytes > 0 ? Math.round((Math.min(category.reclaimableBytes, category.sizeBytes) / category.sizeBytes) * 100) : 0;
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td className="num">{category.count.toLocaleString('en-US')}</td>
                <td className="num">{category.active.toLocaleString('en-US')}</td>
                <td className="num">{formatBytes(category.sizeBytes)}</td>
                <td
                  className="num"
                  title={category.sizeBytes > 0 ? `${percent} % of ${formatBytes(category.sizeBytes)} can be reclaimed` : undefined}
                >
                  {formatBytes(category.reclaimableBytes)}
                </td>
                <td className="df-bar-cell" title={`${formatBytes(category.sizeBytes)}, ${percent} % reclaimable`}>
                  <Bar category={category} max={max} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
});
