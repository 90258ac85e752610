import net, { type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { Operation } from '@coro/core';
import { inspectWith } from '../class-hooks.js';
import { bridgeIterator } from '../hub/bridge.js';
import { Greenlet } from '../greenlet/greenlet.js';
import { sleep } from '../hub/sleep.js';
import { Pool } from '../pool/pool.js';
import { GreenSocket } from './green-socket.js';

/**
 * Handles one connection in a greenlet of its own: usually a generator function (its blocking
 * calls use `yield*`); if it returns an Operation, the greenlet delegates to it. When it returns
 * (or raises), the server closes the client socket.
 */
export type Handler = (socket: GreenSocket, address: AddressInfo) => unknown;

/** Options for a {@link StreamServer}. */
export interface StreamServerOptions {
  /**
   * Where handlers run: omitted, a new greenlet per connection (gevent's `'default'`); a `Pool`
   * (or a size, for a `Pool` of that size) bounds the live handlers: while it is full the server
   * stops serving new connections (they wait unread, as they would in the listen backlog) until a
   * slot frees.
   */
  spawn?: number | Pool;
  /** The listen backlog (only with an address; 128 by default). */
  backlog?: number;
}

/**
 * gevent's `StreamServer` on `net.Server`: a TCP server that runs `handle(socket, address)` in a
 * greenlet per connection, with a connection limit (a number or a `Pool`) and a graceful
 * {@link StreamServer.stop}.
 *
 * @example
 * ```ts
 * import { StreamServer } from '@coro/gevent/monkey';
 *
 * const server = new StreamServer({ host: '127.0.0.1', port: 0 }, function* (socket) {
 *   const request = yield* socket.recv();
 *   yield* socket.sendall(`echo: ${String(request)}`);
 * });
 * await server.start();
 * console.log(server.serverPort);
 * await server.stop();
 * ```
 */
export class StreamServer {
  readonly #server: net.Server;
  readonly #listenOn: { host: string; port: number } | undefined;
  readonly #backlog: number;
  readonly #handle: Handler;
  readonly #pool: Pool | undefined;
  #starting = 0;
  readonly #handlers = new Set<Greenlet<unknown>>();
  readonly #waiting: net.Socket[] = [];
  #started = false;
  #closed = false;
  #onStopped: Array<() => void> = [];

  /**
   * @param listener `{ host, port }` to listen on (port 0 picks a free one), or a `net.Server`
   *   that is listening already or that you will start yourself
   * @param handle runs once per connection, in its own greenlet
   * @param options where handlers run, and the listen backlog
   */
  constructor(listener: { host?: string; port: number } | net.Server, handle: Handler, options: StreamServerOptions = {}) {
    if (typeof handle !== 'function') throw new TypeError(`StreamServer(listener, handle): handle must be a function, got ${typeof handle}`);
    if (listener instanceof net.Server) {
      if (options.backlog !== undefined) throw new TypeError('StreamServer: backlog can only be given with an address, not with a server that is already created');
      this.#server = listener;
    } else if (typeof listener === 'object' && listener !== null && Number.isInteger(listener.port)) {
      this.#server = net.createServer();
      this.#listenOn = { host: listener.host ?? '127.0.0.1', port: listener.port };
    } else {
      throw new TypeError('StreamServer(listener): listener must be { host?, port } or a net.Server');
    }
    const spawn = options.spawn;
    if (typeof spawn === 'number') {
      if (!Number.isInteger(spawn) || spawn < 1) throw new RangeError(`StreamServer: options.spawn must be a positive integer or a Pool, got ${spawn}`);
      this.#pool = new Pool(spawn);
    } else if (spawn === undefined || spawn instanceof Pool) {
      this.#pool = spawn;
    } else {
      throw new TypeError('StreamServer: options.spawn must be a positive integer or a Pool');
    }
    this.#backlog = options.backlog ?? 128;
    this.#handle = handle;
    this.#server.on('connection', (socket) => this.#accept(socket));
  }

  /** True between {@link StreamServer.start} and {@link StreamServer.stop}. */
  get started(): boolean {
    return this.#started;
  }

  /** True once stopped. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The address the server listens on (after start). */
  get address(): AddressInfo | undefined {
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address : undefined;
  }

  /** The host it listens on. */
  get serverHost(): string | undefined {
    return this.address?.address ?? this.#listenOn?.host;
  }

  /** The port it listens on (the real one when 0 was asked for). */
  get serverPort(): number | undefined {
    return this.address?.port ?? this.#listenOn?.port;
  }

  /** Handlers running now. */
  get connections(): number {
    return this.#handlers.size;
  }

  /** Start listening (if given an address) and accepting. Resolves once listening. */
  async start(): Promise<void> {
    if (this.#closed) throw new Error('StreamServer.start(): this server was stopped; create a new one');
    if (this.#started) return;
    this.#started = true;
    if (this.#listenOn !== undefined && !this.#server.listening) {
      await new Promise<void>((resolve, reject) => {
        this.#server.once('error', reject);
        this.#server.listen({ ...this.#listenOn, backlog: this.#backlog }, () => {
          this.#server.off('error', reject);
          resolve();
        });
      });
    }
    this.#drain();
  }

  /** Start, then block (the calling greenlet, or `await` from ordinary code) until stopped. */
  *serveForever(): Generator<unknown, void, unknown> {
    yield* bridgeIterator(this.start());
    if (!this.#closed) yield* bridgeIterator(new Promise<void>((resolve) => this.#onStopped.push(resolve)));
  }

  #full(): boolean {
    // Slots promised to handlers whose pool.start() has not run yet count as taken.
    return this.#pool !== undefined && this.#pool.freeCount() - this.#starting <= 0;
  }

  #accept(socket: net.Socket): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    // Before start() (a server handed in already listening) or while full, the connection waits unread.
    if (!this.#started || this.#full()) {
      socket.pause();
      this.#waiting.push(socket);
      return;
    }
    this.#spawn(socket);
  }

  #spawn(socket: net.Socket): void {
    const address = { address: socket.remoteAddress ?? '', family: socket.remoteFamily ?? '', port: socket.remotePort ?? 0 };
    const g = new Greenlet(serveConnection, this.#handle, new GreenSocket(socket), address);
    g.name = `StreamServer handler for ${address.address}:${address.port}`;
    this.#handlers.add(g);
    g.rawlink(() => {
      this.#handlers.delete(g);
      // The pool frees its slot in a link of its own, after this one: look once it has.
      g.hub.runCallback(() => this.#drain());
    });
    if (this.#pool === undefined) {
      g.start();
      return;
    }
    // A slot is free, so this blocking call completes in the hub's next turn without waiting.
    this.#starting++;
    this.#pool.start(g).then(
      () => this.#starting--,
      (error: unknown) => {
        this.#starting--;
        g.hub.reportError(this, error);
      },
    );
  }

  #drain(): void {
    while (this.#started && this.#waiting.length > 0 && !this.#full()) {
      const socket = this.#waiting.shift()!;
      if (!socket.destroyed) this.#spawn(socket);
    }
  }

  /**
   * Stop: close the listener and refuse new connections; drop connections still waiting for a
   * slot; give running handlers up to `timeout` ms (default 1000, gevent's `stop_timeout`) to
   * finish, then kill them. Resolves when the last handler is gone.
   */
  async stop(timeout = 1000): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#started = false;
      for (const socket of this.#waiting.splice(0)) socket.destroy();
      if (this.#server.listening) this.#server.close();
      for (const resolve of this.#onStopped.splice(0)) resolve();
    }
    const handlers = [...this.#handlers];
    if (handlers.length === 0) return;
    const deadline = Date.now() + timeout;
    for (const g of handlers) await g.join(Math.max(0, deadline - Date.now()));
    for (const g of [...this.#handlers]) await g.kill();
    // kill() returns once the handler is dead, as gevent's does, before its links ran: the link
    // that drops it from the count runs in the next round.
    while (this.#handlers.size > 0) await sleep(0);
  }

  /** `await using server = new StreamServer(...)` stops it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  // How `util.inspect` and `console.log` print it (see class-hooks.ts for why not a method).
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #inspect = /* @__PURE__ */ inspectWith(this, function (this: StreamServer) {
    const where = this.address ? `${this.serverHost}:${this.serverPort}` : 'not listening';
    return `<StreamServer at ${where} handle=${this.#handle.name || '<anonymous>'} ${this.#handlers.size} connections${this.#closed ? ' closed' : ''}>`;
  });

  /** @internal */
  toString(): string {
    return inspect(this);
  }
}

function* serveConnection(handle: Handler, socket: GreenSocket, address: AddressInfo): Generator<unknown, void, unknown> {
  try {
    const result = handle(socket, address);
    if (typeof (result as Operation<unknown> | null)?.[Symbol.iterator] === 'function' && typeof result !== 'string') {
      yield* result as Operation<unknown>;
    }
  } finally {
    socket.close();
  }
}
