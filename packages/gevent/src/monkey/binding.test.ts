import childProcess from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import timersPromises from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bridgeIterator as wait } from '../hub/bridge.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { getHub, setHub } from '../hub/current.js';
import { Event } from '../sync/event.js';
import { Hub } from '../hub/hub.js';
import { spawn } from '../greenlet/spawn.js';
import { Timeout } from '../timeout.js';
import { patchAll, patchChildProcess, patchFetch, patchHttp, patchNet, patchTimers, unpatchAll } from './index.js';

/** A local server whose /slow never answers and whose /stall sends headers and half a body: it records how each exchange ended. */
class LocalServer {
  readonly server = http.createServer((req, res) => this.#handle(req, res));
  readonly arrived: string[] = [];
  readonly ended = new Map<string, 'aborted' | 'finished'>();
  readonly #held: http.ServerResponse[] = [];
  #waiters: Array<() => void> = [];

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    res.on('close', () => {
      this.ended.set(path, res.writableFinished ? 'finished' : 'aborted');
      this.#notify();
    });
    this.arrived.push(path);
    this.#notify();
    if (path.startsWith('/fast')) res.end('fast');
    else if (path.startsWith('/stall')) {
      res.writeHead(200, { 'content-length': '100' });
      res.write('half');
      this.#held.push(res);
    } else this.#held.push(res);
  }

  #notify(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolve once `predicate` holds (checked after every server event). */
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Answer every held request now. */
  release(): void {
    for (const res of this.#held.splice(0)) res.end('late'.padEnd(res.headersSent ? 96 : 4, '.'));
  }

  url(path: string): string {
    const { port } = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }
}

const local = new LocalServer();
let counter = 0;
const path = (name: string): string => `/${name}-${++counter}`;

beforeAll(async () => {
  local.server.listen(0, '127.0.0.1');
  await once(local.server, 'listening');
});
afterAll(async () => {
  local.release();
  local.server.closeAllConnections();
  local.server.close();
  await once(local.server, 'close');
});
// Real time: these tests wait on real sockets and processes, which a virtual clock cannot jump over.
beforeEach(() => setHub(new Hub()));
afterEach(() => {
  unpatchAll();
  local.release();
});

describe('fetch bound to its greenlet', () => {
  it('patched: kill() aborts the in-flight request and the server sees it closed', async () => {
    patchFetch();
    const p = path('slow');
    const g = spawn(function* () {
      yield* wait(fetch(local.url(p)));
    });
    await local.until(() => local.arrived.includes(p));
    await g.kill();
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('aborted');
    expect(g.value).toBeInstanceOf(GreenletExit);
  });

  it('unpatched: the killed greenlet is gone but its request keeps going until the server answers', async () => {
    const p = path('slow');
    const g = spawn(function* () {
      yield* wait(fetch(local.url(p)));
    });
    await local.until(() => local.arrived.includes(p));
    await g.kill();
    expect(g.dead).toBe(true);
    expect(local.ended.has(p)).toBe(false);
    local.release();
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('finished');
  });

  it('patched: a Timeout interrupts the wait, aborts the request, and the greenlet goes on', async () => {
    patchFetch();
    const p = path('slow');
    const g = spawn(function* () {
      const timeout = Timeout.startNew(50);
      try {
        yield* wait(fetch(local.url(p)));
        return 'answered';
      } catch (error) {
        if (error !== timeout) throw error;
        return 'timed out';
      } finally {
        timeout.close();
      }
    });
    expect(await g.get()).toBe('timed out');
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('aborted');
  });

  it('patched: a body read interrupted by kill() cancels the body (and the connection)', async () => {
    patchFetch();
    const p = path('stall');
    const state: string[] = [];
    const g = spawn(function* () {
      const response = yield* wait(fetch(local.url(p)));
      state.push(`headers ${response.status}`);
      yield* wait(response.text());
      state.push('body');
    });
    await local.until(() => local.arrived.includes(p));
    while (state.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await g.kill();
    await local.until(() => local.ended.has(p));
    expect(state).toEqual(['headers 200']);
    expect(local.ended.get(p)).toBe('aborted');
  });

  it('patched: a fetch started deep inside an async library the greenlet awaits is bound too (AsyncLocalStorage)', async () => {
    patchFetch();
    const p = path('slow');
    // A third-party client: its fetch runs in a later promise job, long after the greenlet's step ended.
    async function client(url: string): Promise<string> {
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.resolve();
      const response = await fetch(url);
      return response.text();
    }
    const g = spawn(function* () {
      return yield* wait(client(local.url(p)));
    });
    await local.until(() => local.arrived.includes(p));
    await g.kill();
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('aborted');
  });

  it('patched: outside greenlets fetch is the platform fetch, and the response outlives a finished greenlet', async () => {
    patchFetch();
    expect(await (await fetch(local.url(path('fast')))).text()).toBe('fast');
    const g = spawn(function* () {
      return yield* wait(fetch(local.url(path('fast'))));
    });
    const response = await g.get();
    expect(await response.text()).toBe('fast');
  });

  it('patched: the caller\'s own signal still aborts the request', async () => {
    patchFetch();
    const p = path('slow');
    const controller = new AbortController();
    const g = spawn(function* () {
      try {
        yield* wait(fetch(local.url(p), { signal: controller.signal }));
      } catch (error) {
        return (error as Error).name;
      }
    });
    await local.until(() => local.arrived.includes(p));
    controller.abort();
    expect(await g.get()).toBe('AbortError');
  });
});

describe('http.request bound to its greenlet', () => {
  it('patched: kill() destroys the request before its response', async () => {
    patchHttp();
    const p = path('slow');
    const g = spawn(function* () {
      const request = http.get(local.url(p));
      request.on('error', () => undefined);
      yield* wait(once(request, 'response'));
    });
    await local.until(() => local.arrived.includes(p));
    await g.kill();
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('aborted');
  });

  it('unpatched: the request outlives the killed greenlet', async () => {
    const p = path('slow');
    let response: Promise<http.IncomingMessage> | undefined;
    const g = spawn(function* () {
      const request = http.get(local.url(p));
      response = once(request, 'response').then(([res]) => res as http.IncomingMessage);
      yield* wait(response);
    });
    await local.until(() => local.arrived.includes(p));
    await g.kill();
    local.release();
    const res = await response!;
    res.resume();
    expect(res.statusCode).toBe(200);
    await local.until(() => local.ended.has(p));
    expect(local.ended.get(p)).toBe('finished');
  });
});

describe('net.connect bound to its greenlet', () => {
  it('patched: a connect still pending when its greenlet is killed is destroyed and never connects', async () => {
    patchNet();
    let socket: net.Socket | undefined;
    const g = spawn(function* () {
      socket = net.connect((local.server.address() as net.AddressInfo).port, '127.0.0.1');
      socket.on('error', () => undefined);
      yield* wait(once(socket, 'connect'));
    });
    // Killed from a greenlet that runs right after it, in the same loop iteration: the connect cannot have completed.
    const killer = spawn(function* () {
      yield* g.kill();
    });
    await killer.join();
    let connected = false;
    socket!.on('connect', () => (connected = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(socket!.destroyed).toBe(true);
    expect(connected).toBe(false);
  });

  it('patched: a connected socket is a resource and outlives the greenlet that opened it', async () => {
    patchNet();
    const g = spawn(function* () {
      const socket = net.connect((local.server.address() as net.AddressInfo).port, '127.0.0.1');
      yield* wait(once(socket, 'connect'));
      return socket;
    });
    const socket = await g.get();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });
});

describe('child processes bound to their greenlet', () => {
  it('patched: kill() kills the child it was waiting for', async () => {
    patchChildProcess();
    let child: childProcess.ChildProcess | undefined;
    const g = spawn(function* () {
      child = childProcess.spawn('sleep', ['10']);
      yield* wait(once(child, 'exit'));
    });
    await g.join(0);
    await g.kill();
    if (child!.exitCode === null && child!.signalCode === null) await once(child!, 'exit');
    expect(child!.signalCode).toBe('SIGTERM');
  });

  it('patched: a Timeout kills the child and the greenlet goes on', async () => {
    patchChildProcess();
    let child: childProcess.ChildProcess | undefined;
    const g = spawn(function* () {
      const timeout = Timeout.startNew(30);
      try {
        child = childProcess.spawn('sleep', ['10']);
        yield* wait(once(child, 'exit'));
      } catch (error) {
        if (error !== timeout) throw error;
        return 'timed out';
      } finally {
        timeout.close();
      }
    });
    expect(await g.get()).toBe('timed out');
    if (child!.exitCode === null && child!.signalCode === null) await once(child!, 'exit');
    expect(child!.signalCode).toBe('SIGTERM');
  });

  it('unpatched: the child outlives the killed greenlet', async () => {
    let child: childProcess.ChildProcess | undefined;
    const g = spawn(function* () {
      child = childProcess.spawn('sleep', ['10']);
      yield* wait(once(child, 'exit'));
    });
    await g.join(0);
    await g.kill();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(child!.exitCode).toBeNull();
    expect(child!.signalCode).toBeNull();
    child!.kill();
    await once(child!, 'exit');
  });

  it('patched: promisify(exec) still resolves { stdout, stderr }', async () => {
    patchChildProcess();
    const { promisify } = await import('node:util');
    const g = spawn(function* () {
      return yield* wait(promisify(childProcess.exec)('echo bound'));
    });
    expect((await g.get()).stdout).toBe('bound\n');
  });
});

describe('timers bound to their greenlet', () => {
  it('patched: an interval set by a greenlet is cleared when the greenlet ends', async () => {
    patchTimers();
    let ticks = 0;
    const g = spawn(function* () {
      setInterval(() => ticks++, 1);
      yield* wait(new Promise((resolve) => setTimeout(resolve, 10)));
    });
    await g.join();
    const atEnd = ticks;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(atEnd).toBeGreaterThan(0);
    expect(ticks).toBe(atEnd);
  });

  it("patched: timers a library sets from its own promise jobs are the library's, not the greenlet's", async () => {
    patchTimers();
    let ticks = 0;
    let handle: NodeJS.Timeout | undefined;
    async function library(): Promise<void> {
      await Promise.resolve();
      handle ??= setInterval(() => ticks++, 1); // a shared, lazily started ticker, like undici's
    }
    await spawn(function* () {
      yield* wait(library());
    }).join();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ticks).toBeGreaterThan(0);
    clearInterval(handle);
  });

  it('patched: fetch keeps reusing keep-alive connections across greenlets', async () => {
    patchAll();
    let connections = 0;
    const count = (): void => void connections++;
    local.server.on('connection', count);
    try {
      for (let i = 0; i < 5; i++) {
        const g = spawn(function* () {
          const response = yield* wait(fetch(local.url(path('fast'))));
          return yield* wait(response.text());
        });
        expect(await g.get()).toBe('fast');
      }
    } finally {
      local.server.off('connection', count);
    }
    expect(connections).toBeLessThanOrEqual(1);
  });

  it('unpatched: the interval keeps ticking after its greenlet ended', async () => {
    let ticks = 0;
    let handle: NodeJS.Timeout | undefined;
    const g = spawn(function* () {
      handle = setInterval(() => ticks++, 1);
    });
    await g.join();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ticks).toBeGreaterThan(0);
    clearInterval(handle);
  });

  it('patched: timers/promises.setTimeout in a greenlet is aborted by kill()', async () => {
    patchTimers();
    let outcome = '';
    const g = spawn(function* () {
      try {
        yield* wait(timersPromises.setTimeout(10_000).then(() => (outcome = 'fired')));
      } finally {
        outcome ||= 'killed';
      }
    });
    await g.join(0);
    await g.kill();
    expect(outcome).toBe('killed');
  });
});

describe('patchAll() binds dns and fs/promises too', () => {
  it('look-ups and file reads inside greenlets still return their values', async () => {
    patchAll();
    const { promises: dns } = await import('node:dns');
    const { readFile } = await import('node:fs/promises');
    const g = spawn(function* () {
      const address = yield* wait(dns.lookup('localhost'));
      const text = yield* wait(readFile(new URL('../../package.json', import.meta.url), 'utf8'));
      return [address.address, JSON.parse(text).name as string];
    });
    const [address, name] = await g.get();
    expect(['127.0.0.1', '::1']).toContain(address);
    expect(name).toBe('@coro/gevent');
  });
});

describe('the hub driver belongs to no greenlet', () => {
  it("patched: a driver started from a greenlet's timer callback does not bind the hub's work to that greenlet", async () => {
    patchTimers();
    const hub = getHub();
    let hubTimer: Promise<string> | undefined;
    const g = spawn(function* () {
      // The callback runs in g's async context while the hub is idle, so its runCallback starts the driver from there.
      setTimeout(() => hub.runCallback(() => (hubTimer = timersPromises.setTimeout(20, 'fired'))), 5);
      yield* new Event().wait(); // parks with no hub timer: the driver stops until the callback above
    });
    while (hubTimer === undefined) await timersPromises.setTimeout(5);
    await g.kill();
    await expect(hubTimer).resolves.toBe('fired');
  });
});
