import { describe, expect, it, vi } from 'vitest';

const shown: Array<{ options: Record<string, unknown>; click?: () => void }> = [];
vi.mock('electron', () => {
  class Notification {
    static isSupported = () => true;
    private readonly entry: { options: Record<string, unknown>; click?: () => void };
    constructor(options: Record<string, unknown>) {
      this.entry = { options };
    }
    on(event: string, listener: () => void) {
      if (event === 'click') this.entry.click = listener;
    }
    show() {
      shown.push(this.entry);
    }
  }
  return { Notification, default: { Notification } };
});

describe('showAlertNotification', () => {
  it('shows the alert title and message, critical ones as critical, and focuses the window on click', async () => {
    const { showAlertNotification } = await import('./alert-notifications.js');
    const focus = vi.fn();
    showAlertNotification(
      {
        id: 'a',
        key: 'k',
        kind: 'host-down',
        rule: 'hostDown',
        severity: 'critical',
        hostId: 'h',
        hostName: 'h',
        title: 'h: unreachable',
        message: 'No connection for 31 s.',
        at: 0,
      },
      focus,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toEqual({ title: 'h: unreachable', body: 'No connection for 31 s.', urgency: 'critical' });
    shown[0]!.click?.();
    expect(focus).toHaveBeenCalledOnce();
  });
});
