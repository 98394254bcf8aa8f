import { memo } from 'react';
import type { ThinPoolReading } from '../../../shared/snapshot';
import { Panel } from '../../components/panel';
import { formatBytes } from '../../lib/format';
import { UsageGauge } from './usage-gauge';

/** devicemapper's thin pool: data and metadata gauges, the files behind it, and its mode. */
export const PoolPanel = memo(function PoolPanel({ pool }: { pool: ThinPoolReading }) {
  return (
    <Panel
      title="Data pool"
      className="pool-panel"
      actions={
        pool.loopLvm ? (
          <span className="pill pill--warning" title="loop-lvm: fine for tests, wrong for production; direct-lvm is the production mode">
            loop-lvm
          </span>
        ) : (
          <span className="pill pill--ok">direct-lvm</span>
        )
      }
    >
      {pool.loopLvm ? (
        <p className="warning-item warning-item--warning" role="note">
          This pool lives in sparse loopback files: only fit for testing. It is slow and can fill the filesystem underneath without warning.
          Use direct-lvm (a dedicated block device) in production, or better, migrate to overlay2.
        </p>
      ) : null}
      <div className="gauges">
        <UsageGauge
          label="Data space"
          used={pool.dataUsed}
          total={pool.dataTotal}
          available={pool.dataAvailable}
          fraction={pool.dataUsedFraction}
          minimumFree={pool.thinPoolMinimumFreeSpace}
        />
        <UsageGauge
          label="Metadata space"
          used={pool.metadataUsed}
          total={pool.metadataTotal}
          available={pool.metadataAvailable}
          fraction={pool.metadataUsedFraction}
        />
      </div>
      <dl className="facts facts--compact">
        {pool.poolName ? (
          <div className="fact">
            <dt>Pool</dt>
            <dd className="mono">{pool.poolName}</dd>
          </div>
        ) : null}
        <div className="fact">
          <dt>Data file</dt>
          <dd className="mono">{pool.dataLoopFile ?? pool.dataFile ?? '–'}</dd>
        </div>
        <div className="fact">
          <dt>Metadata file</dt>
          <dd className="mono">{pool.metadataLoopFile ?? pool.metadataFile ?? '–'}</dd>
        </div>
        {pool.baseDeviceSize !== undefined ? (
          <div className="fact">
            <dt>Base device size</dt>
            <dd>{formatBytes(pool.baseDeviceSize)}</dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
});
