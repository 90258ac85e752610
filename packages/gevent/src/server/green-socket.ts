import type { Socket } from 'node:net';
import { inspect } from 'node:util';
import { inspectWith } from '../class-hooks.js';
import { bridgeIterator } from '../hub/bridge.js';

const EMPTY = /* @__PURE__ */ Buffer.alloc(0);

/**
 * A `net.Socket` seen from a greenlet, Python-socket style: `recv` and `sendall` are blocking
 * calls (`yield*`) that park only the calling greenlet. The socket is read in paused mode, so
 * data waits in the kernel and in Node's buffer until a greenlet asks for it.
 *
 * @example
 * ```ts
 * import net from 'node:net';
 * import { spawn } from '@coro/gevent';
 * import { GreenSocket } from '@coro/gevent/monkey';
 *
 * spawn(function* () {
 *   const sock = new GreenSocket(net.connect(8888, '127.0.0.1'));
 *   yield* sock.sendall('GET / HTTP/1.0\r\n\r\n');
 *   console.log(String(yield* sock.recv(65536)));
 *   sock.close();
 * });
 * ```
 */
export class GreenSocket {
  #ended = false;
  #error: Error | undefined;

  /** @param socket the Node socket to drive; it is switched to paused mode. */
  constructor(readonly socket: Socket) {
    socket.pause();
    socket.once('end', () => (this.#ended = true));
    socket.once('close', () => (this.#ended = true));
    socket.on('error', (error) => (this.#error = error));
  }

  /**
   * Receive up to `maxBytes` bytes (at least one), parking until some arrive. Returns an empty
   * Buffer once the peer has closed its side. Raises the socket's error, if it had one.
   */
  *recv(maxBytes = 65_536): Generator<unknown, Buffer, unknown> {
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`recv(maxBytes): maxBytes must be a positive integer, got ${String(maxBytes)}`);
    for (;;) {
      const chunk = this.socket.read() as Buffer | null;
      if (chunk !== null) {
        if (chunk.length > maxBytes) this.socket.unshift(chunk.subarray(maxBytes));
        return chunk.length > maxBytes ? chunk.subarray(0, maxBytes) : chunk;
      }
      if (this.#error) throw this.#error;
      if (this.#ended || this.socket.destroyed) return EMPTY;
      yield* bridgeIterator(this.#readable());
    }
  }

  #readable(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('readable', done).off('end', done).off('close', done).off('error', done);
        resolve();
      };
      this.socket.on('readable', done).on('end', done).on('close', done).on('error', done);
    });
  }

  /** Send all of `data`, parking while Node's write buffer is full (until `'drain'`). */
  *sendall(data: string | Uint8Array): Generator<unknown, void, unknown> {
    if (this.#error) throw this.#error;
    if (this.socket.write(data)) return;
    yield* bridgeIterator(
      new Promise<void>((resolve, reject) => {
        const drained = (): void => {
          this.socket.off('error', failed).off('close', drained);
          resolve();
        };
        const failed = (error: Error): void => {
          this.socket.off('drain', drained).off('close', drained);
          reject(error);
        };
        this.socket.once('drain', drained).once('close', drained).once('error', failed);
      }),
    );
  }

  /** Close our side after the queued writes, and release the socket. Idempotent. */
  close(): void {
    if (!this.socket.destroyed) this.socket.end(() => this.socket.destroy());
    this.socket.resume(); // drain anything unread so the peer's close can complete
  }

  /** The peer's address as `host:port`. */
  get peer(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }

  // How `util.inspect` and `console.log` print it (see class-hooks.ts for why not a method).
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #inspect = /* @__PURE__ */ inspectWith(this, function (this: GreenSocket) {
    return `<GreenSocket ${this.peer}${this.socket.destroyed ? ' closed' : ''}>`;
  });

  /** @internal */
  toString(): string {
    return inspect(this);
  }
}
