import dns from 'node:dns';
import { detached } from './abortable.js';
import { bindOperation, ownerNow } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

type Resolve = (this: unknown, ...args: unknown[]) => Promise<unknown>;

// Resolver methods of dns.promises: each bound call runs on a Resolver of its own, so cancel() stops only it.
const RESOLVER_METHODS = /* @__PURE__ */ (() => Object.getOwnPropertyNames(dns.promises.Resolver.prototype).filter((name) => name.startsWith('resolve') || name === 'reverse'))();

function boundResolve(name: string, original: Resolve): Resolve {
  return function (this: unknown, ...args: unknown[]) {
    const owner = ownerNow();
    if (owner === undefined) return original.apply(this, args);
    const binding = bindOperation(owner, true);
    const resolver = new dns.promises.Resolver();
    resolver.setServers(dns.promises.getServers());
    binding.signal.addEventListener('abort', () => resolver.cancel(), { once: true });
    const method = (resolver as unknown as Record<string, Resolve>)[name]!;
    return detached(binding, method.apply(resolver, args));
  };
}

function boundLookup(original: Resolve): Resolve {
  return function (this: unknown, ...args: unknown[]) {
    const owner = ownerNow();
    if (owner === undefined) return original.apply(this, args);
    // getaddrinfo runs in libuv's thread pool and cannot be cancelled: release the caller, ignore the answer.
    return detached(bindOperation(owner, true), original.apply(this, args));
  };
}

/**
 * Bind `dns.promises` look-ups to greenlets: a `resolve*`/`reverse` started inside a greenlet is
 * cancelled (on a resolver of its own) when the greenlet ends or is interrupted; `lookup`
 * (getaddrinfo in the thread pool, which cannot be cancelled) is detached: the greenlet is released
 * at once and the late answer ignored. The callback API is left alone (`net` uses it internally).
 * Idempotent.
 *
 * @example
 * ```ts
 * import { promises as dns } from 'node:dns';
 * import { spawn, wait } from '@coro/gevent';
 * import { patchDns } from '@coro/gevent/monkey';
 *
 * patchDns();
 * spawn(function* () {
 *   console.log(yield* wait(dns.lookup('localhost')));
 * });
 * ```
 */
export function patchDns(): void {
  installOwnership();
  if (isAreaPatched('dns')) return;
  const promises = dns.promises as unknown as Record<string, Resolve>;
  for (const name of RESOLVER_METHODS) {
    if (typeof promises[name] === 'function') replace('node:dns/promises', promises, name, boundResolve(name, promises[name]));
  }
  replace('node:dns/promises', promises, 'lookup', boundLookup(promises.lookup!));
  markPatched('dns');
}
