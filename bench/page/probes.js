// Measurements that run inside the page (injected by bench/ui.bench.ts). Plain browser
// JavaScript, so the Node-side TypeScript never needs the DOM types.
globalThis.berthBench = {
  /** Milliseconds from a Ctrl+digit keydown to the frame after the dashboard shows `name`. */
  timeSwitch(digit, name) {
    return new Promise((resolve) => {
      const started = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: String(digit), code: `Digit${digit}`, ctrlKey: true, bubbles: true }));
      const check = () => {
        // The frame after the heading changes is the one that paints the switched dashboard.
        if (document.querySelector('h1')?.textContent === name) requestAnimationFrame(() => resolve(performance.now() - started));
        else requestAnimationFrame(check);
      };
      check();
    });
  },

  /**
   * Milliseconds from setting the fleet search's text (as a keystroke does: value + input event,
   * which React handles at once) to the first task after the frame that paints the results
   * (`painted`), and to the end of React's synchronous render (`rendered`: the search itself).
   */
  timeSearchKeystroke(value) {
    return new Promise((resolve) => {
      const input = document.querySelector('[role="combobox"]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const started = performance.now();
      setValue.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // React renders an input event at once: the search and the DOM update are done here.
      const rendered = performance.now() - started;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ painted: performance.now() - started, rendered });
        channel.port2.postMessage(null);
      });
    });
  },

  /** One frame with nothing to do: the floor under every figure. */
  idleFrame() {
    return new Promise((resolve) => requestAnimationFrame((first) => requestAnimationFrame((second) => resolve(second - first))));
  },

  /** Wall-clock time at the frame after a running row named `name` appears. */
  rowVisibleAt(name) {
    return new Promise((resolve) => {
      const check = () => {
        const row = [...document.querySelectorAll('[role="row"]')].find(
          (r) => r.textContent?.includes(name) && r.textContent.includes('running'),
        );
        if (row) requestAnimationFrame(() => resolve(Date.now()));
        else requestAnimationFrame(check);
      };
      check();
    });
  },

  /**
   * Milliseconds from clicking the button `buttonName` inside `[aria-label=containerLabel]` to the
   * frame after a row shows in the rows body `rowsLabel` of the view whose landmark is `viewLabel`.
   */
  timeClickToRows(containerLabel, buttonName, viewLabel, rowsLabel = 'Container rows') {
    return new Promise((resolve, reject) => {
      const button = [...document.querySelectorAll(`[aria-label="${containerLabel}"] button`)].find(
        (each) => each.getAttribute('aria-label') === buttonName || each.getAttribute('title') === buttonName,
      );
      if (!button) {
        reject(new Error(`no button ${buttonName} in ${containerLabel}`));
        return;
      }
      const started = performance.now();
      button.click();
      const check = () => {
        const view = document.querySelector(`[aria-label="${viewLabel}"]`);
        if (view?.querySelector(`[aria-label="${rowsLabel}"] [role="row"]`))
          requestAnimationFrame(() => resolve(performance.now() - started));
        else requestAnimationFrame(check);
      };
      check();
    });
  },

  /** Brings a table's rows body into view, scrolled to its first row. */
  scrollRowsToTop(rowsLabel = 'Container rows') {
    const body = document.querySelector(`[aria-label="${rowsLabel}"]`);
    body?.scrollIntoView();
    if (body) body.scrollTop = 0;
  },

  /** Wall-clock time at the frame after the row of container `id` shows the state `state`. */
  rowStateAt(id, state) {
    return new Promise((resolve) => {
      const check = () => {
        const pill = document.querySelector(`[role="row"][data-container-id="${id}"] .state-pill`);
        if (pill?.textContent === state) requestAnimationFrame(() => resolve(Date.now()));
        else requestAnimationFrame(check);
      };
      check();
    });
  },

  /** Starts collecting main-thread tasks over 50 ms; `stopLongTasks` returns them. */
  watchLongTasks() {
    const tasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    globalThis.berthBenchLongTasks = { tasks, observer };
  },

  stopLongTasks() {
    const { tasks, observer } = globalThis.berthBenchLongTasks;
    observer.disconnect();
    return { longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length };
  },

  /** Scrolls a table (by its rows' label, the containers table by default) top to bottom a screen per frame; reports long tasks and the worst frame. */
  scrollContainers(rowsLabel = 'Container rows') {
    return new Promise((resolve) => {
      const tasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const body = document.querySelector(`[aria-label="${rowsLabel}"]`);
      let last = performance.now();
      let worstFrame = 0;
      const step = () => {
        const now = performance.now();
        worstFrame = Math.max(worstFrame, now - last);
        last = now;
        if (body.scrollTop + body.clientHeight >= body.scrollHeight - 1) {
          setTimeout(() => {
            observer.disconnect();
            resolve({ longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length, worstFrame });
          }, 200);
          return;
        }
        body.scrollTop += body.clientHeight * 0.9;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  },

  /** Resolves at the frame where the log view counts `total` lines (kept plus dropped by the cap, stated in its note). */
  logLinesCounted(total) {
    return new Promise((resolve) => {
      const read = () => {
        const kept = Number((document.querySelector('[data-testid="log-count"]')?.textContent ?? '').replace(/\D+/g, ''));
        const note = [...document.querySelectorAll('[role="note"]')].find((n) => /older lines dropped/.test(n.textContent ?? ''));
        const dropped = note ? Number((note.textContent ?? '').split(' older')[0].replace(/\D+/g, '')) : 0;
        const cap = note ? Number((note.textContent ?? '').split('newest')[1].replace(/\D+/g, '')) : 0;
        if (kept + dropped === total) requestAnimationFrame(() => resolve({ kept, dropped, cap, at: Date.now() }));
        else requestAnimationFrame(read);
      };
      read();
    });
  },
};
