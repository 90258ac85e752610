/**
 * What a gevent greenlet yields when it has registered its own waker (a timer, a link, a place
 * in a waiter list) and only needs to give control back to the hub. Internal: user code yields
 * Operations with `yield*`, a bare `yield` (a `sleep(0)`), or a core `Suspend`. A leaf module, so
 * the greenlet classes can use it without importing the hub.
 */
export const PARK: object = /* @__PURE__ */ Object.freeze({ park: true });
