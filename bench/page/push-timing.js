// Where the time of a push goes in the page (injected by bench/many-containers.bench.ts before the
// app loads): every WebSocket message's arrival (wall clock), size, channel, and how long the
// page's handler ran (JSON.parse, the store update) and until React's synchronous render was done. Plain browser
// JavaScript, like probes.js.
(() => {
  const pushes = [];
  globalThis.berthBenchPushes = pushes;
  const add = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(
      this,
      type,
      (event) => {
        const at = Date.now();
        const started = performance.now();
        listener(event);
        const text = typeof event.data === 'string' ? event.data : '';
        const channel = /"channel":"([^"]+)"/.exec(text.slice(0, 200))?.[1] ?? 'reply';
        const entry = { at, bytes: text.length, channel, handleMs: performance.now() - started, renderedMs: 0 };
        // React flushes a store update in a microtask queued by the listener: this one runs after it.
        queueMicrotask(() => (entry.renderedMs = performance.now() - started));
        pushes.push(entry);
        if (pushes.length > 10_000) pushes.splice(0, 5_000);
      },
      options,
    );
  };
})();
