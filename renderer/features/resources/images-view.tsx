import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { formatBytes } from '../../../shared/format';
import type { HostView } from '../../../shared/host-view';
import type { ImageRow } from '../../../shared/resources';
import { formatCreated, formatTimestamp, pluralize } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ResourceFrame } from './resource-frame';
import { type ResourceColumn, ResourceTable } from './resource-table';
import { type SortOrder, collator, filterAndSort, nextSort } from './sort-rows';
import { useRemoval } from './use-removal';
import { useResourceList } from './use-resource-list';

export type ImageSortKey = 'tag' | 'created' | 'size' | 'shared' | 'containers';
export type ImageFilter = 'all' | 'dangling' | 'unused' | 'in-use';

/** One row of the view: an image's tag (or `<none>:<none>`), its image's other tags right below it. */
export interface ImageTagRow {
  key: string;
  image: ImageRow;
  /** null for a dangling image. */
  tag: string | null;
  /** 0 for the image's first row; later rows are its other tags. */
  index: number;
}

const comparators: Record<ImageSortKey, (a: ImageRow, b: ImageRow) => number> = {
  tag: (a, b) => collator.compare(a.tags[0] ?? '\uffff', b.tags[0] ?? '\uffff'),
  created: (a, b) => a.created - b.created,
  size: (a, b) => a.sizeBytes - b.sizeBytes,
  shared: (a, b) => (a.sharedSizeBytes ?? -1) - (b.sharedSizeBytes ?? -1),
  containers: (a, b) => a.users.all - b.users.all || a.users.running - b.users.running,
};

const keeps: Record<ImageFilter, (image: ImageRow) => boolean> = {
  all: () => true,
  dangling: (image) => image.dangling,
  unused: (image) => image.users.all === 0,
  'in-use': (image) => image.users.all > 0,
};

const searchKeys = new WeakMap<ImageRow, string>();
function searchText(image: ImageRow): string {
  let key = searchKeys.get(image);
  if (key === undefined) {
    key = [...image.tags, image.id.replace('sha256:', '').slice(0, 12), image.dangling ? '<none> dangling' : '', ...image.users.names].join(
      '\n',
    );
    searchKeys.set(image, key);
  }
  return key;
}

const sortedTags = new WeakMap<ImageRow, Array<string | null>>();
/** The image's tags in display order (computed once per image object), `[null]` for a dangling one. */
function tagsOf(image: ImageRow): Array<string | null> {
  let tags = sortedTags.get(image);
  if (tags === undefined) {
    tags = image.tags.length === 0 ? [null] : [...image.tags].sort(collator.compare);
    sortedTags.set(image, tags);
  }
  return tags;
}

/** Images filtered and sorted as whole images, then one row per tag, so an image's tags stay together. */
export function imageTagRows(
  images: readonly ImageRow[],
  query: string,
  filter: ImageFilter,
  sort: SortOrder<ImageSortKey> | null,
): ImageTagRow[] {
  const sorted = filterAndSort(images, {
    query,
    searchText,
    keep: keeps[filter],
    sort,
    comparators,
    tieBreak: (a, b) => a.id.localeCompare(b.id),
  });
  return sorted.flatMap((image) =>
    tagsOf(image).map((tag, index) => ({
      key: `${image.id}\n${tag ?? ''}`,
      image,
      tag,
      index,
    })),
  );
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** The Images tab: every tag of every image, dangling ones marked, who uses them, removal. */
export function ImagesView({ host }: { host: HostView }) {
  const hostId = host.profile.id;
  const { state, reload } = useResourceList(hostId, 'images', host.status.state === 'ready');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<SortOrder<ImageSortKey> | null>(null);
  const deferredQuery = useDeferredValue(query);
  const now = useNow(60_000);
  const removal = useRemoval(
    host,
    useCallback(() => reload(), [reload]),
  );
  const images = state.state === 'loaded' ? state.list.rows : [];
  const rows = useMemo(() => imageTagRows(images, deferredQuery, filter, sort), [images, deferredQuery, filter, sort]);
  const dangling = useMemo(() => images.filter((image) => image.dangling).length, [images]);
  const total = useMemo(() => images.reduce((sum, image) => sum + image.sizeBytes, 0), [images]);

  const removeButton = removal.button;
  const columns = useMemo(
    (): Array<ResourceColumn<ImageTagRow, ImageSortKey>> => [
      {
        sortKey: 'tag',
        label: 'Repository:tag',
        width: 'minmax(220px, 2.2fr)',
        className: 'ctable-name',
        title: (row) => row.tag ?? 'Dangling: this image has no tag',
        render: (row) =>
          row.tag === null ? (
            <span>
              <span className="muted mono">&lt;none&gt;:&lt;none&gt;</span>{' '}
              <span className="state-pill state-pill--dangling">dangling</span>
            </span>
          ) : (
            <span className={`mono${row.index > 0 ? ' rtable-continued' : ''}`}>{row.tag}</span>
          ),
      },
      {
        sortKey: null,
        label: 'Image ID',
        width: '120px',
        className: 'mono rtable-small',
        title: (row) => row.image.id,
        render: (row) => <span className={row.index > 0 ? 'muted' : ''}>{shortId(row.image.id)}</span>,
      },
      {
        sortKey: 'created',
        label: 'Created',
        width: '120px',
        className: 'ctable-created',
        title: (row) => formatTimestamp(row.image.created * 1000),
        render: (row) => formatCreated(row.image.created, now),
      },
      { sortKey: 'size', label: 'Size', width: '90px', className: 'rtable-number', render: (row) => formatBytes(row.image.sizeBytes) },
      {
        sortKey: 'shared',
        label: 'Shared',
        width: '90px',
        className: 'rtable-number',
        title: () => 'Bytes this image shares with other images (from /system/df)',
        render: (row) =>
          row.image.sharedSizeBytes === undefined ? <span className="muted">–</span> : formatBytes(row.image.sharedSizeBytes),
      },
      {
        sortKey: 'containers',
        label: 'Containers',
        width: 'minmax(150px, 1.2fr)',
        title: (row) => row.image.users.names.join('\n') || undefined,
        render: (row) => <Users running={row.image.users.running} all={row.image.users.all} names={row.image.users.names} />,
      },
      {
        sortKey: null,
        label: 'Actions',
        width: '96px',
        render: (row) =>
          removeButton({
            kind: 'images',
            ref: row.tag ?? row.image.id,
            detail:
              (row.tag !== null && row.image.tags.length > 1
                ? `Only this tag goes: the image keeps ${pluralize(row.image.tags.length - 1, 'other tag')}. `
                : 'The image is deleted with its last reference. ') +
              (row.image.users.all > 0 ? `Used by ${row.image.users.names.join(', ')}.` : 'No container uses it.'),
          }),
      },
    ],
    [now, removeButton],
  );

  return (
    <ResourceFrame
      noun="images"
      title="Images"
      summary={
        <span className="muted">
          {pluralize(images.length, 'image')} · {formatBytes(total)} · {dangling.toLocaleString('en-US')} dangling
        </span>
      }
      list={state}
      search={{ label: 'Search images', placeholder: 'Search tag, id, container…', value: query, onChange: setQuery }}
      filter={
        <select
          aria-label="Filter images"
          className="select"
          value={filter}
          onChange={(event) => setFilter(event.target.value as ImageFilter)}
        >
          <option value="all">All images</option>
          <option value="dangling">Dangling ({dangling.toLocaleString('en-US')})</option>
          <option value="unused">Unused by any container</option>
          <option value="in-use">In use</option>
        </select>
      }
      shown={rows.length}
      onClear={() => (setQuery(''), setFilter('all'))}
      count={pluralize(rows.length, 'row')}
      report={removal.view}
    >
      <ResourceTable
        label="Images"
        rows={rows}
        rowKey={(row) => row.key}
        columns={columns}
        sort={sort}
        onSort={(key) => setSort((current) => nextSort(current, key, ['created', 'size', 'shared', 'containers']))}
        rowClass={(row) => (row.image.dangling ? 'rtable-row--dangling' : row.index > 0 ? 'rtable-row--continued' : '')}
      />
    </ResourceFrame>
  );
}

/** "1 running / 3" with the names in the tooltip; "–" when none. */
export function Users({ running, all, names }: { running: number; all: number; names: readonly string[] }) {
  if (all === 0) return <span className="muted">–</span>;
  return (
    <span>
      <strong>{running}</strong>
      <span className="muted"> running / {all}</span> <span className="rtable-names">{names.join(', ')}</span>
    </span>
  );
}
