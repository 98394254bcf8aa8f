import { describe, expect, it } from 'vitest';
import { appliesTo, applicable, confirmationFor, describeAction } from './action-model';

const web = { id: 'a1', name: 'web', state: 'running' };
const job = { id: 'b2', name: 'job', state: 'exited' };

describe('action model', () => {
  it('offers actions by state', () => {
    expect(appliesTo('start', 'exited')).toBe(true);
    expect(appliesTo('start', 'running')).toBe(false);
    expect(appliesTo('unpause', 'paused')).toBe(true);
    expect(applicable('stop', [web, job])).toEqual([web]);
  });

  it('asks for destructive and bulk actions, and for the typed name or count on production', () => {
    expect(confirmationFor('start', [job], false)).toEqual({ ask: false, typed: null });
    expect(confirmationFor('start', [job, web], false)).toEqual({ ask: true, typed: null });
    expect(confirmationFor('stop', [web], false)).toEqual({ ask: true, typed: null });
    expect(confirmationFor('stop', [web], true)).toEqual({ ask: true, typed: 'web' });
    expect(confirmationFor('restart', [web, job], true)).toEqual({ ask: true, typed: '2' });
    expect(confirmationFor('pause', [web], true)).toEqual({ ask: false, typed: null });
  });

  it('describes what will happen', () => {
    expect(describeAction('kill', [web], { signal: 'SIGHUP' })).toBe('Send SIGHUP to “web”?');
    expect(describeAction('remove', [web, job], { force: true, removeVolumes: true })).toMatch(
      /^Remove 2 containers \(running ones are killed first\) with their anonymous volumes\?/,
    );
  });
});
