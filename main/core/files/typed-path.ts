import path from 'node:path';

/**
 * A path as the operator types it in the host form, made absolute: `~` is the home folder and a
 * relative path is taken from there (the main process's working folder means nothing to them).
 * A trailing separator is kept, since completion reads it as "inside this folder".
 */
export function expandTypedPath(value: string, homeDir: string): string {
  if (value === '' || value === '~') return homeDir + path.sep;
  const fromHome = value.startsWith('~/') || value.startsWith(`~${path.sep}`) ? path.join(homeDir, value.slice(2)) : value;
  const absolute = path.isAbsolute(fromHome) ? path.normalize(fromHome) : path.join(homeDir, fromHome);
  const trailing = /[\\/]$/.test(value) && !absolute.endsWith(path.sep);
  return trailing ? absolute + path.sep : absolute;
}
