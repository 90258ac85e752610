import { bindOperation, ownerNow, settleWith } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

// The request controller of every response fetched by a greenlet, so a body read can be aborted later.
const requestControllers = new WeakMap<Response, AbortController>();
const BODY_READERS = ['text', 'json', 'arrayBuffer', 'blob', 'formData'] as const;

function requestSignal(input: Request | string | URL, init: RequestInit | undefined): AbortSignal | null | undefined {
  return init?.signal ?? (input instanceof Request ? input.signal : undefined);
}

function boundFetch(original: typeof fetch): typeof fetch {
  return function fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const owner = ownerNow();
    if (owner === undefined) return original(input, init);
    // One controller for the whole exchange: aborting it after the headers also cancels the body.
    const controller = new AbortController();
    const binding = bindOperation(owner, true, requestSignal(input, init), controller);
    return original(input, { ...init, signal: controller.signal }).then(
      (response) => {
        binding.settle();
        requestControllers.set(response, controller);
        return response;
      },
      (error: unknown) => {
        binding.settle();
        throw error;
      },
    );
  };
}

function boundBodyReader(name: (typeof BODY_READERS)[number], original: (this: Response) => Promise<unknown>) {
  return function (this: Response): Promise<unknown> {
    const controller = requestControllers.get(this);
    const owner = controller && ownerNow();
    if (owner === undefined) return original.call(this);
    // The reader may be another greenlet than the requester: the body belongs to whoever reads it.
    return settleWith(bindOperation(owner, true, undefined, controller), original.call(this));
  };
}

/**
 * Bind `fetch` to greenlets: a request started inside a greenlet (also from deep inside an async
 * library it called) gets a signal that aborts when the greenlet ends, or is interrupted by
 * `kill()` or a `Timeout`; so do body reads (`text()`, `json()`, `arrayBuffer()`, `blob()`,
 * `formData()`) made from a greenlet. Outside greenlets `fetch` is untouched. Your own `signal`
 * keeps working. Idempotent.
 *
 * @example
 * ```ts
 * import { spawn, wait, Timeout } from '@coro/gevent';
 * import { patchFetch } from '@coro/gevent/monkey';
 *
 * patchFetch();
 * const g = spawn(function* () {
 *   const response = yield* wait(fetch('http://127.0.0.1:8888/slow'));
 *   return yield* wait(response.text());
 * });
 * await g.kill(); // the request is aborted and its socket released
 * ```
 */
export function patchFetch(): void {
  installOwnership();
  if (isAreaPatched('fetch')) return;
  replace('globalThis', globalThis, 'fetch', boundFetch(globalThis.fetch));
  for (const name of BODY_READERS) {
    const original = (Response.prototype as unknown as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    replace('Response.prototype', Response.prototype as unknown as Record<string, unknown>, name, boundBodyReader(name, original as (this: Response) => Promise<unknown>));
  }
  markPatched('fetch');
}
