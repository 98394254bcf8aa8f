// A synthetic fleet as `window.berth` (injected by bench/search.bench.ts before the app loads):
// the built renderer runs unchanged over it, with `globalThis.berthBenchFleet` (hosts, snapshots,
// images) made on the Node side. Plain browser JavaScript, like probes.js.
(() => {
  const fleet = globalThis.berthBenchFleet;
  const ok = (value) => Promise.resolve({ ok: true, value });
  const answers = {
    'hosts:list': () => ok(fleet.hosts),
    'hosts:snapshot': ({ hostId }) => ok(fleet.snapshots[hostId] ?? null),
    'app:info': () => ok({ version: 'bench', platform: 'linux', secretStorage: 'memory', shell: 'browser' }),
    'search:images': ({ known }) =>
      ok({
        changed: Object.entries(fleet.images)
          .filter(([hostId]) => known[hostId] !== 1)
          .map(([hostId, images]) => ({ hostId, version: 1, images, listed: images.length })),
        gone: [],
      }),
  };
  globalThis.berth = {
    invoke(channel, input) {
      const answer = answers[channel];
      return answer
        ? answer(input)
        : Promise.resolve({ ok: false, error: { code: 'HOST_NOT_CONNECTED', message: `${channel} is not part of the search bench` } });
    },
    on: () => () => undefined,
    ready: () => undefined,
  };
})();
