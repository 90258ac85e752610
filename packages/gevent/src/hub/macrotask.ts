/**
 * Run `fn` in a later macrotask: after the current job and every promise job it queued.
 * The hub starts and wakes its driver this way, so ordinary code that spawns and then awaits a
 * gevent call has registered that call (as gevent's main greenlet blocking) before anything runs.
 * `setImmediate` in Node; in browsers, which lack it, a MessageChannel message (no 4 ms clamp).
 */
export const macrotask: (fn: () => void) => void = /* @__PURE__ */ (() => {
  interface Port {
    onmessage: (() => void) | null;
    postMessage(message: null): void;
  }
  const g = globalThis as unknown as { setImmediate?: (fn: () => void) => unknown; MessageChannel?: new () => { port1: Port; port2: Port } };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return (fn: () => void) => void setImmediate(fn);
  }
  if (typeof g.MessageChannel === 'function') {
    const pending: (() => void)[] = [];
    const channel = new g.MessageChannel();
    channel.port1.onmessage = () => pending.shift()?.();
    return (fn: () => void) => {
      pending.push(fn);
      channel.port2.postMessage(null);
    };
  }
  return (fn: () => void) => void setTimeout(fn, 0);
})();

/** A promise that settles in a later macrotask (see {@link macrotask}). */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}
