import { useState } from 'react';
import type { SshConfigEntry, SshConfigListing } from '../../../shared/ssh-config-contract';
import { formatHostPort } from '../../../shared/profile';
import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';
import { type HostForm, formFromProfile } from './form-state';
import './ssh-config-import.css';

type ImportableEntry = SshConfigEntry & { transport: NonNullable<SshConfigEntry['transport']> };

/** The form filled from an alias: its SSH fields and jump hosts; the name (if still empty), colour, tags and read-only switch stay. */
export function formFromSshConfigEntry(current: HostForm, entry: ImportableEntry): HostForm {
  const filled = formFromProfile({ id: current.id, name: current.name.trim() || entry.alias, tags: [], transport: entry.transport });
  return { ...filled, isNew: current.isNew, color: current.color, tags: current.tags, readOnly: current.readOnly };
}

function hop(each: { user: string; host: string; port: number }): string {
  return `${each.user}@${formatHostPort(each.host, each.port)}`;
}

/**
 * "Import from ~/.ssh/config": the aliases main read from the user's ssh config, each with its
 * chain of jump hosts, or the reason it cannot be used. Picking one fills the form's SSH tab.
 */
export function SshConfigImport({ onPick }: { onPick: (entry: ImportableEntry) => void }) {
  const { api } = useServices();
  const [open, setOpen] = useState(false);
  const [listing, setListing] = useState<SshConfigListing | null>(null);
  // Read once, when first opened: main reads the file (the renderer has no file access).
  const load = useAction(async () => setListing(await api.listSshConfig()));
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && listing === null && !load.pending) void load.run();
  };
  return (
    <section className="ssh-config-import">
      <button type="button" className="button button--small button--ghost" aria-expanded={open} onClick={toggle}>
        {open ? '▾' : '▸'} Import from ~/.ssh/config
      </button>
      {open ? (
        <div className="ssh-config-import__body">
          {load.pending ? <p className="field-hint">Reading your ssh config…</p> : null}
          {load.error ? (
            <p className="field-error" role="alert">
              <code>{load.error.code}</code> {load.error.message}
            </p>
          ) : null}
          {listing && !listing.found ? <p className="field-hint">There is no {listing.file}: nothing to import.</p> : null}
          {listing?.found && listing.entries.length === 0 ? (
            <p className="field-hint">{listing.file} names no host (patterns such as Host * are defaults, not hosts).</p>
          ) : null}
          {listing && listing.entries.length > 0 ? (
            <ul className="ssh-config-import__list" aria-label="Hosts in your ssh config">
              {listing.entries.map((entry) => (
                <SshConfigRow key={entry.alias} entry={entry} onPick={onPick} />
              ))}
            </ul>
          ) : null}
          {listing?.notes.map((note) => (
            <p key={note} className="field-hint">
              {note}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function SshConfigRow({ entry, onPick }: { entry: SshConfigEntry; onPick: (entry: ImportableEntry) => void }) {
  const { transport } = entry;
  return (
    <li className={`ssh-config-import__row${transport ? '' : ' ssh-config-import__row--unusable'}`}>
      <div className="ssh-config-import__what">
        <span className="mono ssh-config-import__alias">{entry.alias}</span>
        {transport ? (
          <span className="mono ssh-config-import__route">
            {hop(transport)}
            {transport.jumpHosts?.length ? ` via ${transport.jumpHosts.map(hop).join(' → ')}` : ''}
          </span>
        ) : (
          <span className="field-error">
            <code>{entry.error?.code}</code> {entry.error?.message}
          </span>
        )}
        {entry.notes.map((note) => (
          <span key={note} className="field-hint">
            {note}
          </span>
        ))}
      </div>
      {transport ? (
        <button
          type="button"
          className="button button--small"
          aria-label={`Use ${entry.alias}`}
          onClick={() => onPick({ ...entry, transport })}
        >
          Use
        </button>
      ) : null}
    </li>
  );
}
