import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { PathCompletion, PathPurpose } from '../../../shared/host-setup-contract';
import { toApiError } from '../../lib/api';
import { useServices, useStoreState } from '../../lib/services';
import { FieldNotes, fieldDescribedBy } from '../../components/text-field';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the file dialog is for (its title and whether it picks a folder). */
  purpose: PathPurpose;
  /** Complete folders only (a certificate folder). */
  foldersOnly?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
  /** A path was chosen in the dialog or completion (not typed): e.g. read a certificate folder at once. */
  onPicked?: (path: string) => void;
  /** Buttons beside the input (after Browse…), level with it. */
  actions?: ReactNode;
}

const COMPLETION_DELAY_MS = 120;

/**
 * A local path, wide and monospaced. In Electron, "Browse…" opens the system's file dialog
 * (files:choose); in the browser shell there is none, so typing lists the matching entries of the
 * folder from main (files:complete: names and kinds only) as a listbox: arrows move, Enter or Tab
 * takes one, a folder opens into its entries, Esc closes.
 */
export function PathField({ label, value, onChange, purpose, foldersOnly, error, hint, placeholder, onPicked, actions }: PathFieldProps) {
  const { api } = useServices();
  const shell = useStoreState((state) => state.appInfo?.shell);
  const id = useId();
  const listId = `${id}-list`;
  const [completion, setCompletion] = useState<PathCompletion | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const query = useRef(0);

  const complete = (prefix: string) => {
    const ticket = (query.current += 1);
    window.setTimeout(() => {
      if (ticket !== query.current) return;
      api
        .invoke('files:complete', { prefix, ...(foldersOnly ? { foldersOnly } : {}) })
        .then((result) => {
          if (ticket !== query.current) return;
          setCompletion(result);
          setActive(0);
          setOpen(true);
        })
        .catch(() => ticket === query.current && setCompletion(null));
    }, COMPLETION_DELAY_MS);
  };
  // A pending completion answering after unmount must not set state.
  useEffect(
    () => () => {
      query.current += 1;
    },
    [],
  );

  const browserShell = shell === 'browser';
  const entries = completion?.entries ?? [];
  const take = (index: number) => {
    const entry = entries[index];
    if (!entry) return;
    onChange(entry.path);
    // A folder opens into its entries; a file is the answer.
    if (entry.kind === 'folder') {
      complete(entry.path);
      return;
    }
    setOpen(false);
    onPicked?.(entry.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open || entries.length === 0) {
      if (event.key === 'ArrowDown' && browserShell) {
        event.preventDefault();
        complete(value);
      }
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + entries.length) % entries.length);
    } else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) {
      event.preventDefault();
      take(active);
    } else if (event.key === 'Escape') {
      // Only the list closes, not the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const browse = async () => {
    setChooseError(null);
    try {
      const { path } = await api.invoke('files:choose', { purpose, ...(value.trim() !== '' ? { defaultPath: value.trim() } : {}) });
      if (path === null) return;
      onChange(path);
      onPicked?.(path);
    } catch (failure) {
      setChooseError(toApiError(failure).message);
    }
  };

  const shownError = error ?? chooseError ?? undefined;
  const expanded = browserShell && open && (entries.length > 0 || completion?.problem !== undefined);
  return (
    <div className="field path-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="path-field-anchor">
        <div className="path-field-row">
          <input
            id={id}
            className={`input mono${shownError ? ' input--invalid' : ''}`}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={shownError ? true : undefined}
            aria-describedby={fieldDescribedBy(id, shownError, hint)}
            {...(browserShell
              ? {
                  role: 'combobox',
                  'aria-autocomplete': 'list' as const,
                  'aria-expanded': expanded,
                  'aria-controls': listId,
                  ...(expanded && entries[active] ? { 'aria-activedescendant': `${listId}-${active}` } : {}),
                }
              : {})}
            onChange={(event) => {
              onChange(event.target.value);
              if (browserShell) complete(event.target.value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          />
          {shell === 'electron' ? (
            <button type="button" className="button" onClick={() => void browse()}>
              Browse…
            </button>
          ) : null}
          {actions}
        </div>
        {expanded ? (
          <ul id={listId} role="listbox" aria-label={`${label}: matching entries`} className="path-completions">
            {entries.map((entry, index) => (
              <li
                key={entry.path}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={`path-completion${index === active ? ' path-completion--active' : ''}`}
                onMouseDown={(event) => {
                  // Keep the focus in the field, so the list stays open on a folder.
                  event.preventDefault();
                  take(index);
                }}
              >
                <span className={`path-kind path-kind--${entry.kind}`} aria-hidden="true">
                  {entry.kind === 'folder' ? '▸' : '·'}
                </span>
                <span className="mono">{entry.name}</span>
                {entry.kind === 'folder' ? <span className="path-completion-kind">folder</span> : null}
              </li>
            ))}
            {completion?.truncated ? (
              <li className="path-completion path-completion--note">More entries match: type more of the name.</li>
            ) : null}
            {completion?.problem ? <li className="path-completion path-completion--note">{completion.problem}</li> : null}
          </ul>
        ) : null}
      </div>
      <FieldNotes id={id} error={shownError} hint={hint} />
    </div>
  );
}
