import type { ClientRequest } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { bindOperation, ownerNow } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

function bindRequest(request: ClientRequest): ClientRequest {
  const owner = ownerNow();
  if (owner === undefined) return request;
  const binding = bindOperation(owner, true);
  binding.signal.addEventListener('abort', () => request.destroy(binding.signal.reason instanceof Error ? binding.signal.reason : undefined), { once: true });
  // Until the response headers arrive the request is the greenlet's operation; the response is a resource.
  const settle = (): void => {
    binding.settle();
    request.off('response', settle).off('close', settle);
  };
  request.once('response', settle).once('close', settle);
  return request;
}

function patchModule(moduleName: string, target: typeof http | typeof https): void {
  for (const name of ['request', 'get'] as const) {
    const original = target[name] as (...args: unknown[]) => ClientRequest;
    replace(moduleName, target, name, function (this: unknown, ...args: unknown[]) {
      return bindRequest(original.apply(this, args));
    });
  }
}

/**
 * Bind `http.request`/`http.get` and `https.request`/`https.get` to greenlets: a request started
 * inside a greenlet is destroyed if the greenlet ends or is interrupted (`kill()`, `Timeout`)
 * before its response headers arrive. Idempotent.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { spawn, wait } from '@coro/gevent';
 * import { patchHttp } from '@coro/gevent/monkey';
 *
 * patchHttp();
 * const g = spawn(function* () {
 *   const request = http.get('http://127.0.0.1:8888/');
 *   yield* wait(new Promise((resolve) => request.once('response', resolve)));
 * });
 * ```
 */
export function patchHttp(): void {
  installOwnership();
  if (isAreaPatched('http')) return;
  patchModule('node:http', http);
  patchModule('node:https', https);
  markPatched('http');
}
