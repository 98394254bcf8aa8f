import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ExecEvent } from '../../../../shared/containers';
import type { ErrorEnvelope } from '../../../../shared/errors';
import type { BerthApi } from '../../../lib/api';
import { toApiError } from '../../../lib/api';
import { openStream } from '../../../lib/streams';
import { effectiveTheme, onEffectiveThemeChange } from '../../../lib/theme';
import { decodeBase64 } from './shell-command';

export interface ExecSessionOptions {
  hostId: string;
  containerId: string;
  command: string[];
  user?: string;
  onState: (
    state:
      { state: 'opening' } | { state: 'open' } | { state: 'exited'; exitCode: number | null } | { state: 'failed'; error: ErrorEnvelope },
  ) => void;
}

const LIGHT = { background: '#fbfbfc', foreground: '#1a1d21', cursor: '#3e63dd', selectionBackground: '#c9d5fb' };
const DARK = { background: '#0b0d10', foreground: '#d7dbe0', cursor: '#7b96f2', selectionBackground: '#2c3a66' };

/**
 * xterm.js over an exec stream: keystrokes and pastes go to `exec:input`, output comes from
 * `exec:event`, the terminal's size follows its element (addon-fit + ResizeObserver →
 * `exec:resize`). `dispose` closes the exec in main, which ends the process in the container.
 */
export function startExecSession(api: BerthApi, element: HTMLElement, options: ExecSessionOptions): () => void {
  const terminal = new Terminal({
    cursorBlink: true,
    fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    fontSize: 13,
    scrollback: 5000,
    theme: effectiveTheme() === 'dark' ? DARK : LIGHT,
  });
  // Follow the theme while open (the OS or Settings changing it), like the rest of the window.
  const stopFollowingTheme = onEffectiveThemeChange((theme) => {
    terminal.options.theme = theme === 'dark' ? DARK : LIGHT;
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(element);
  try {
    fit.fit();
  } catch {
    // Not laid out yet (hidden tab): the observer fits it once it has a size.
  }
  let streamId: string | null = null;
  const disposables: Array<{ dispose: () => void }> = [];
  const send = (channel: 'exec:input' | 'exec:resize', input: Record<string, unknown>) => {
    if (streamId === null) return;
    api.invoke(channel, { streamId, ...input } as never).catch((error: unknown) => {
      options.onState({ state: 'failed', error: toApiError(error).toEnvelope() });
    });
  };
  options.onState({ state: 'opening' });
  const stream = openStream(
    api,
    { open: 'exec:open', push: 'exec:event', close: 'exec:close' },
    {
      hostId: options.hostId,
      containerId: options.containerId,
      command: options.command,
      ...(options.user ? { user: options.user } : {}),
      cols: Math.max(terminal.cols, 1),
      rows: Math.max(terminal.rows, 1),
    },
    {
      onOpened: ({ opened }) => {
        streamId = opened.streamId;
        options.onState({ state: 'open' });
        terminal.focus();
        // The size may have changed while the exec was starting.
        send('exec:resize', { cols: terminal.cols, rows: terminal.rows });
      },
      onEvent: (event: ExecEvent) => {
        if (event.type === 'output') terminal.write(decodeBase64(event.data));
        else if (event.error) options.onState({ state: 'failed', error: event.error });
        else {
          terminal.write(`\r\n\x1b[2m[process exited${event.exitCode === null ? '' : ` with code ${event.exitCode}`}]\x1b[0m\r\n`);
          options.onState({ state: 'exited', exitCode: event.exitCode });
        }
      },
      onError: (error) => {
        options.onState({ state: 'failed', error: toApiError(error).toEnvelope() });
      },
    },
  );
  // Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser, whose paste event xterm reads.
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC' && terminal.hasSelection()) {
      void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => undefined);
      return false;
    }
    return event.code !== 'KeyV';
  });
  disposables.push(terminal.onData((data) => send('exec:input', { data })));
  disposables.push(terminal.onResize(({ cols, rows }) => send('exec:resize', { cols, rows })));
  let pending: number | null = null;
  const observer = new ResizeObserver(() => {
    if (pending !== null) return;
    pending = requestAnimationFrame(() => {
      pending = null;
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    });
  });
  observer.observe(element);
  return () => {
    stopFollowingTheme();
    observer.disconnect();
    if (pending !== null) cancelAnimationFrame(pending);
    for (const disposable of disposables) disposable.dispose();
    stream.dispose();
    terminal.dispose();
  };
}
