import { describe, expect, it, vi } from 'vitest';
import type { BerthBridge, InvokeReply } from '../../shared/contract';
import { ApiError, createApi, demoScenarioOf, toApiError, unwrapReply } from './api';

function bridgeAnswering(reply: unknown): BerthBridge & { invoke: ReturnType<typeof vi.fn> } {
  return {
    invoke: vi.fn(async () => reply as InvokeReply<'hosts:list'>),
    on: vi.fn(() => () => undefined),
    ready: vi.fn(),
  } as unknown as BerthBridge & { invoke: ReturnType<typeof vi.fn> };
}

describe('unwrapReply', () => {
  it('returns the value of an ok envelope', () => {
    expect(unwrapReply('hosts:list', { ok: true, value: [] })).toEqual([]);
    expect(unwrapReply('hosts:snapshot', { ok: true, value: null })).toBeNull();
  });

  it('throws an ApiError with the same code and message', () => {
    const call = () =>
      unwrapReply('hosts:test', { ok: false, error: { code: 'TLS_UNTRUSTED_CERTIFICATE', message: 'The CA does not sign it.' } });
    expect(call).toThrow(ApiError);
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('TLS_UNTRUSTED_CERTIFICATE');
      expect((error as ApiError).message).toBe('The CA does not sign it.');
      expect((error as ApiError).toEnvelope()).toEqual({ code: 'TLS_UNTRUSTED_CERTIFICATE', message: 'The CA does not sign it.' });
    }
  });

  it('turns unknown codes and malformed replies into INTERNAL', () => {
    expect(() => unwrapReply('hosts:list', { ok: false, error: { code: 'NOPE', message: 'odd' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'odd' }),
    );
    expect(() => unwrapReply('hosts:list', undefined)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => unwrapReply('hosts:list', { value: [] })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => unwrapReply('hosts:list', { ok: false })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('createApi', () => {
  it('sends each helper on its channel with its input and unwraps the answer', async () => {
    const bridge = bridgeAnswering({ ok: true, value: null });
    const api = createApi(bridge);
    await api.acceptHostKey('edge-1', true);
    await api.retry('edge-1');
    await api.parseEndpoint('tcp://10.0.0.5:2376').catch(() => undefined);
    await api.unlockSecrets('secret');
    await api.setMasterPassphrase('new passphrase');
    await api.setMasterPassphrase('new passphrase', 'old one');
    expect(bridge.invoke.mock.calls).toEqual([
      ['hosts:accept-host-key', { hostId: 'edge-1', persist: true }],
      ['hosts:retry', { hostId: 'edge-1' }],
      ['endpoint:parse', { url: 'tcp://10.0.0.5:2376' }],
      ['secrets:unlock', { passphrase: 'secret' }],
      ['secrets:set-master-passphrase', { passphrase: 'new passphrase' }],
      ['secrets:set-master-passphrase', { passphrase: 'new passphrase', currentPassphrase: 'old one' }],
    ]);
  });

  it('rejects with the envelope as an ApiError', async () => {
    const api = createApi(bridgeAnswering({ ok: false, error: { code: 'CONNECTION_REFUSED', message: 'refused' } }));
    await expect(api.listHosts()).rejects.toMatchObject({ name: 'ApiError', code: 'CONNECTION_REFUSED', message: 'refused' });
  });

  it('turns a failing bridge (e.g. a dropped socket) into an INTERNAL ApiError', async () => {
    const bridge = bridgeAnswering(null);
    bridge.invoke.mockRejectedValueOnce(new Error('socket closed'));
    await expect(createApi(bridge).listHosts()).rejects.toMatchObject({ code: 'INTERNAL', message: 'socket closed' });
  });

  it('passes pushes and ready through', () => {
    const bridge = bridgeAnswering(null);
    const api = createApi(bridge);
    const listener = () => undefined;
    api.on('host:status', listener);
    api.ready();
    expect(bridge.on).toHaveBeenCalledWith('host:status', listener);
    expect(bridge.ready).toHaveBeenCalledOnce();
  });
});

describe('toApiError', () => {
  it('keeps ApiErrors and wraps anything else', () => {
    const error = new ApiError('TIMEOUT', 'slow');
    expect(toApiError(error)).toBe(error);
    expect(toApiError('boom')).toMatchObject({ code: 'INTERNAL', message: 'boom' });
    expect(toApiError(42)).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('demoScenarioOf', () => {
  it('selects the demo bridge only when asked', () => {
    expect(demoScenarioOf('')).toBeNull();
    expect(demoScenarioOf('?token=abc')).toBeNull();
    expect(demoScenarioOf('?demo=0')).toBeNull();
    expect(demoScenarioOf('?demo=1')).toBe('1');
    expect(demoScenarioOf('?demo=first-start')).toBe('first-start');
  });
});
