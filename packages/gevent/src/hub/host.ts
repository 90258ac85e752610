// What the hub reads from its host. Only Node has `process`: the hub touches it only when it is
// there, so `@coro/gevent` (without `/monkey`) loads and runs in browsers.

/** Where the hub prints reports of failed greenlets (stderr unless replaced; `null` silences them). */
export interface ExceptionStream {
  /** Write one report. */
  write(text: string): unknown;
}

/** Node's `process`, or `null` where there is none (browsers). */
export const hostProcess: { stderr: ExceptionStream; once(event: 'beforeExit', fn: () => void): unknown; off(event: 'beforeExit', fn: () => void): unknown } | null =
  // A pure call: reading `process.once` at module level would keep the hub in every bundle of gevent.
  /* @__PURE__ */ (() => (typeof process === 'object' && process !== null && typeof process.once === 'function' && typeof process.stderr?.write === 'function' ? process : null))();

/** stderr in Node; `console.error` where there is no `process` (browsers). */
export function defaultExceptionStream(): ExceptionStream {
  return hostProcess?.stderr ?? { write: (text: string) => console.error(text.replace(/\n+$/, '')) };
}

/** The largest delay a host timer takes (setTimeout's 32-bit limit; beyond it Node fires at once). */
export const MAX_HOST_DELAY = 2 ** 31 - 1;
