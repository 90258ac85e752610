import net from 'node:net';
import { bindOperation, ownerNow } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

/**
 * Bind a socket's connect to the greenlet that started it: until `'connect'` the socket is an
 * operation of that greenlet, destroyed if the greenlet ends or is interrupted; once connected
 * it is a resource and outlives its creator (another greenlet may be using it).
 */
export function bindConnect(socket: net.Socket, userSignal?: AbortSignal): net.Socket {
  const owner = ownerNow();
  if (owner === undefined) return socket;
  const binding = bindOperation(owner, true, userSignal);
  const destroy = (): void => void socket.destroy(binding.signal.reason instanceof Error ? binding.signal.reason : undefined);
  binding.signal.addEventListener('abort', destroy, { once: true });
  const settle = (): void => {
    binding.settle();
    socket.off('connect', settle).off('close', settle);
  };
  socket.once('connect', settle).once('close', settle);
  return socket;
}

function patchConnect(name: 'connect' | 'createConnection'): void {
  const original = net[name] as (...args: unknown[]) => net.Socket;
  replace('node:net', net, name, function (this: unknown, ...args: unknown[]) {
    const options = args[0];
    const signal = typeof options === 'object' && options !== null ? (options as { signal?: AbortSignal }).signal : undefined;
    return bindConnect(original.apply(this, args), signal);
  });
}

/**
 * Bind `net.connect`/`net.createConnection` to greenlets: a connect started inside a greenlet is
 * destroyed if the greenlet ends or is interrupted (`kill()`, `Timeout`) before it connects.
 * The connected socket is a resource, not an operation, and outlives its creator. Idempotent.
 *
 * @example
 * ```ts
 * import net from 'node:net';
 * import { spawn } from '@coro/gevent';
 * import { patchNet } from '@coro/gevent/monkey';
 *
 * patchNet();
 * const g = spawn(function* () { net.connect(8888, '10.255.255.1'); });
 * // if g is killed while the connect is pending, the socket is destroyed
 * ```
 */
export function patchNet(): void {
  installOwnership();
  if (isAreaPatched('net')) return;
  patchConnect('connect');
  patchConnect('createConnection');
  markPatched('net');
}
