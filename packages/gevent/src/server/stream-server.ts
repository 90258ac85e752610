import net, { type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { Operation } from '@coro/core';
import { bridgeIterator } from '../bridge.js';
import { Greenlet } from '../greenlet.js';
import { GreenSocket } from './green-socket.js';

/**
 * Handles one connection in a greenlet of its own: usually a generator function (its blocking
 * calls use `yield*`); if it returns an Operation, the greenlet delegates to it. When it returns
 * (or raises), the server closes the client socket.
 */
export type Handler = (socket: GreenSocket, address: AddressInfo) => unknown;

/** The pool a {@link StreamServer} spawns handlers in: any gevent `Pool` fits. */
export interface HandlerPool {
  /** True when no slot is free. */
  full(): boolean;
  /** Add a greenlet to the pool and start it (called only when a slot is free). */
  start(greenlet: Greenlet<unknown>): unknown;
}

/** Options for a {@link StreamServer}. */
export interface StreamServerOptions {
  /**
   * Where handlers run: omitted, a new greenlet per connection (gevent's `'default'`); a number
   * or a pool bounds the live handlers: while full the server stops accepting (connections wait
   * unread, as they would in the listen backlog) until a slot frees.
   */
  spawn?: number | HandlerPool;
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
  readonly #limit: number;
  readonly #pool: HandlerPool | undefined;
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
      this.#limit = spawn;
    } else {
      if (spawn !== undefined && (typeof spawn.full !== 'function' || typeof spawn.start !== 'function')) {
        throw new TypeError('StreamServer: options.spawn must be a number or a Pool (an object with full() and start(greenlet))');
      }
      this.#pool = spawn;
      this.#limit = Infinity;
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
    return this.#handlers.size >= this.#limit || (this.#pool?.full() ?? false);
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
      this.#drain();
    });
    if (this.#pool !== undefined) this.#pool.start(g);
    else g.start();
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
  }

  /** `await using server = new StreamServer(...)` stops it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const where = this.address ? `${this.serverHost}:${this.serverPort}` : 'not listening';
    return `<StreamServer at ${where} handle=${this.#handle.name || '<anonymous>'} ${this.#handlers.size} connections${this.#closed ? ' closed' : ''}>`;
  }

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
