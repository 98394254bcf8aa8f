import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/dialog';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,253}$/;

/** A new name for a container, checked like the daemon checks it. */
export function RenameDialog({ current, onRename, onClose }: { current: string; onRename: (name: string) => void; onClose: () => void }) {
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) {
      setError('A name starts with a letter or digit and holds only letters, digits, _ . and -.');
      return;
    }
    if (trimmed === current) {
      setError('That is the current name.');
      return;
    }
    onRename(trimmed);
  };
  return (
    <Dialog label={`Rename ${current}`} onClose={onClose} closeOnBackdrop={false}>
      <form onSubmit={submit}>
        <h2 className="dialog-title">Rename “{current}”</h2>
        <label className="field">
          <span className="field-label">New name</span>
          <input
            className={`input mono${error ? ' input--invalid' : ''}`}
            aria-label="New name"
            data-autofocus
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </label>
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}
