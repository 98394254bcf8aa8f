import { type FormEvent, useDeferredValue, useMemo, useState } from 'react';
import { type ComposeAction, type ComposeProject, composeActionOrder, composeProjects } from '../../../shared/compose';
import { requiredConfirmation } from '../../../shared/containers';
import type { ErrorEnvelope } from '../../../shared/errors';
import type { HostView } from '../../../shared/host-view';
import { isProduction, isReadOnly } from '../../../shared/profile';
import type { ContainerSummary } from '../../../shared/snapshot';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { ProductionBadge } from '../../components/production-badge';
import { toApiError } from '../../lib/api';
import { pluralize } from '../../lib/format';
import { useServices } from '../../lib/services';
import { ContainersTypedConfirmation } from '../container-actions';
import { LogsTab } from '../container-detail';
import { EmptyRows } from './resource-frame';
import { type ResourceColumn, ResourceTable } from './resource-table';
import { type SortOrder, collator, filterAndSort, nextSort } from './sort-rows';
import { READ_ONLY_REASON } from './use-removal';

export type ComposeSortKey = 'name' | 'state' | 'containers';

/** What the UI says about the order project actions go in (main runs them so). */
export const COMPOSE_ORDER_TEXT =
  'Start and restart go through the containers one at a time by service name, then container number; stop goes in reverse.';

const comparators: Record<ComposeSortKey, (a: ComposeProject, b: ComposeProject) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  state: (a, b) => a.running / Math.max(1, a.total) - b.running / Math.max(1, b.total),
  containers: (a, b) => a.total - b.total,
};

export function servicesText(project: ComposeProject): string {
  return project.services.map((service) => `${service.name || '(no service)'} ${service.running}/${service.total}`).join(' · ');
}

export function filterProjects(
  projects: readonly ComposeProject[],
  query: string,
  sort: SortOrder<ComposeSortKey> | null,
): ComposeProject[] {
  return filterAndSort(projects, {
    query,
    searchText: (project) =>
      [
        project.name,
        servicesText(project),
        project.workingDir ?? '',
        ...project.configFiles,
        ...project.containers.map((c) => c.name),
      ].join('\n'),
    sort,
    comparators,
    tieBreak: (a, b) => a.name.localeCompare(b.name),
  });
}

type Report =
  { state: 'running'; text: string } | { state: 'done'; text: string; failures: string[] } | { state: 'failed'; error: ErrorEnvelope };

const LABELS: Record<ComposeAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/**
 * The Compose tab: the host's containers grouped by their compose project label, with each
 * project's services and states ("demo 3/3 running"), working directory and config files, the
 * project actions (start, stop, restart in a stated order, through main's container mutations)
 * and the project's merged log.
 */
export function ComposeView({ host, containers }: { host: HostView; containers: readonly ContainerSummary[] }) {
  const { api } = useServices();
  const hostId = host.profile.id;
  const projects = useMemo(() => composeProjects(containers), [containers]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortOrder<ComposeSortKey> | null>(null);
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(() => filterProjects(projects, deferredQuery, sort), [projects, deferredQuery, sort]);
  const [asking, setAsking] = useState<{ project: ComposeProject; action: ComposeAction } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  const readOnly = isReadOnly(host.profile);
  const production = isProduction(host.profile);
  const ready = host.status.state === 'ready';

  const run = (project: ComposeProject, action: ComposeAction, confirmation?: string) => {
    setAsking(null);
    setReport({ state: 'running', text: `${LABELS[action]} ${project.name}: ${pluralize(project.total, 'container')}, one at a time…` });
    api.invoke('compose:action', { hostId, project: project.name, action, ...(confirmation !== undefined ? { confirmation } : {}) }).then(
      (result) => {
        const failures = result.results.flatMap((outcome) =>
          outcome.ok ? [] : [`${outcome.name ?? outcome.containerId}: ${outcome.error.code} ${outcome.error.message}`],
        );
        setReport({
          state: 'done',
          text: `${LABELS[action]} ${project.name}: ${result.results.map((outcome) => outcome.name ?? outcome.containerId).join(' → ')}`,
          failures,
        });
      },
      (error: unknown) => setReport({ state: 'failed', error: toApiError(error).toEnvelope() }),
    );
  };

  const columns = useMemo(
    (): Array<ResourceColumn<ComposeProject, ComposeSortKey>> => [
      {
        sortKey: 'name',
        label: 'Project',
        width: 'minmax(140px, 1.2fr)',
        className: 'ctable-name',
        title: (p) => p.name,
        render: (p) => p.name,
      },
      {
        sortKey: 'state',
        label: 'State',
        width: '130px',
        render: (p) => (
          <span className={`state-pill ${p.running === p.total ? 'state-pill--running' : p.running > 0 ? 'state-pill--paused' : ''}`}>
            {p.running}/{p.total} running
          </span>
        ),
      },
      {
        sortKey: 'containers',
        label: 'Services',
        width: 'minmax(160px, 1.6fr)',
        title: (p) => servicesText(p),
        render: (p) => servicesText(p),
      },
      {
        sortKey: null,
        label: 'Working dir',
        width: 'minmax(120px, 1.2fr)',
        className: 'mono rtable-small',
        title: (p) => p.workingDir,
        render: (p) => p.workingDir ?? <span className="muted">–</span>,
      },
      {
        sortKey: null,
        label: 'Config files',
        width: 'minmax(120px, 1.2fr)',
        className: 'mono rtable-small',
        title: (p) => p.configFiles.join('\n') || undefined,
        render: (p) => (p.configFiles.length > 0 ? p.configFiles.join(', ') : <span className="muted">–</span>),
      },
      {
        sortKey: null,
        label: 'Actions',
        width: '250px',
        render: (p) => (
          <span className="rtable-actions">
            {(['start', 'stop', 'restart'] as const).map((action) => (
              <button
                key={action}
                type="button"
                className="button button--small button--ghost"
                aria-label={`${LABELS[action]} project ${p.name}`}
                disabled={readOnly || !ready}
                title={readOnly ? READ_ONLY_REASON : !ready ? 'The host is not connected.' : COMPOSE_ORDER_TEXT}
                onClick={() => (action === 'start' && !production && p.total === 1 ? run(p, action) : setAsking({ project: p, action }))}
              >
                {LABELS[action]}
              </button>
            ))}
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={`Logs of project ${p.name}`}
              aria-pressed={logsOf === p.name}
              disabled={!ready}
              onClick={() => setLogsOf((current) => (current === p.name ? null : p.name))}
            >
              Logs
            </button>
          </span>
        ),
      },
    ],
    // run reads the latest state through its closure; the buttons only need these.
    [readOnly, ready, production, logsOf, hostId],
  );

  return (
    <>
      <Panel
        title="Compose projects"
        className="containers-panel resources-panel"
        actions={<span className="muted">{pluralize(projects.length, 'project')} · grouped by com.docker.compose.project</span>}
      >
        <div className="toolbar">
          <input
            type="search"
            className="input input--search"
            aria-label="Search projects"
            placeholder="Search project, service, directory…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="muted rtable-small" title={COMPOSE_ORDER_TEXT}>
            Order: by service, then container number; stop in reverse.
          </span>
          <span className="toolbar-count" role="status" aria-live="polite">
            {pluralize(rows.length, 'project')}
          </span>
        </div>
        {report?.state === 'running' ? (
          <div className="action-report" role="status">
            {report.text}
          </div>
        ) : report?.state === 'done' ? (
          <div
            className={`action-report${report.failures.length > 0 ? ' action-report--error' : ' action-report--ok'}`}
            role={report.failures.length > 0 ? 'alert' : 'status'}
          >
            <span>
              {report.text}
              {report.failures.length > 0 ? ` — failed: ${report.failures.join('; ')}` : ' — done.'}
            </span>
            <button type="button" className="link-button" onClick={() => setReport(null)}>
              Dismiss
            </button>
          </div>
        ) : report?.state === 'failed' ? (
          <ErrorNotice error={report.error} title="The project action was refused:">
            <button type="button" className="link-button" onClick={() => setReport(null)}>
              Dismiss
            </button>
          </ErrorNotice>
        ) : null}
        {rows.length === 0 ? (
          projects.length === 0 ? (
            <p className="empty-inline">No compose projects: no container on this host carries the com.docker.compose.project label.</p>
          ) : (
            <EmptyRows total={projects.length} noun="projects" onClear={() => setQuery('')} />
          )
        ) : (
          <ResourceTable
            label="Compose projects"
            rows={rows}
            rowKey={(p) => p.name}
            columns={columns}
            sort={sort}
            onSort={(key) => setSort((current) => nextSort(current, key, ['containers']))}
          />
        )}
      </Panel>
      {logsOf !== null ? (
        <Panel
          title={`Logs of project ${logsOf}`}
          className="compose-logs"
          actions={
            <button type="button" className="button button--small button--ghost" onClick={() => setLogsOf(null)}>
              Close logs
            </button>
          }
        >
          <LogsTab key={`${hostId}/${logsOf}`} hostId={hostId} target={{ project: logsOf }} name={logsOf} />
        </Panel>
      ) : null}
      {asking ? (
        <ComposeConfirmDialog
          project={asking.project}
          action={asking.action}
          hostName={host.profile.name}
          production={production}
          onConfirm={(confirmation) => run(asking.project, asking.action, confirmation)}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </>
  );
}

/** Asks before a project action, listing the containers in the order they will go; on production the count (or name) is typed. */
function ComposeConfirmDialog({
  project,
  action,
  hostName,
  production,
  onConfirm,
  onClose,
}: {
  project: ComposeProject;
  action: ComposeAction;
  hostName: string;
  production: boolean;
  onConfirm: (confirmation?: string) => void;
  onClose: () => void;
}) {
  const ordered = composeActionOrder(project, action);
  const typed = production ? requiredConfirmation(ordered.map((container) => container.name)) : null;
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const matches = typed === null || text === typed;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (matches) onConfirm(typed === null ? undefined : text);
  };
  return (
    <Dialog
      label={`${LABELS[action]} project ${project.name}`}
      onClose={onClose}
      role="alertdialog"
      closeOnBackdrop={false}
      className="confirm-dialog"
    >
      <form onSubmit={submit}>
        <div className="dialog-header">
          <h2 className="dialog-title">
            {LABELS[action]} project {project.name}
          </h2>
          {production ? <ProductionBadge /> : null}
        </div>
        <div className="dialog-body">
          <p>
            {LABELS[action]} {pluralize(ordered.length, 'container')} on <strong>{hostName}</strong>, one at a time, in this order:
          </p>
          <ol className="confirm-targets mono" aria-label="Order">
            {ordered.slice(0, 12).map((container) => (
              <li key={container.id}>
                {container.name}{' '}
                <span className="muted">
                  ({container.service || 'no service'} #{container.number}, {container.state})
                </span>
              </li>
            ))}
            {ordered.length > 12 ? <li className="muted">… and {ordered.length - 12} more</li> : null}
          </ol>
          <p className="muted">{COMPOSE_ORDER_TEXT}</p>
          {typed !== null ? (
            <ContainersTypedConfirmation expected={typed} count={ordered.length} value={text} onChange={setText} attempted={attempted} />
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} {...(typed === null ? { 'data-autofocus': true } : {})}>
            Cancel
          </button>
          <button type="submit" className={`button${action === 'start' ? ' button--primary' : ' button--danger'}`} disabled={!matches}>
            {LABELS[action]} {ordered.length}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
