import { once } from 'node:events';
import net from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setHub } from '../hub/current.js';
import { Hub } from '../hub/hub.js';
import { Pool } from '../pool/pool.js';
import { spawn } from '../greenlet/spawn.js';
import type { GreenSocket } from './green-socket.js';
import { StreamServer, type StreamServerOptions } from './stream-server.js';

// Ported from gevent's src/gevent/tests/test__server.py: SimpleStreamServer's handler, and the
// TestDefaultSpawn / TestPoolSpawn cases that apply to a net.Server-based StreamServer.
function* simpleHandle(socket: GreenSocket) {
  let head = '';
  while (!head.includes('\r\n')) {
    const chunk = yield* socket.recv();
    if (chunk.length === 0) return;
    head += chunk.toString('latin1');
  }
  const path = head.split(' ')[1];
  if (path === '/ping') {
    yield* socket.sendall('HTTP/1.0 200 OK\r\n\r\nPONG');
  } else if (path === '/long' || path === '/short') {
    yield* socket.sendall('hello');
    while ((yield* socket.recv(1)).length > 0);
  } else {
    yield* socket.sendall('HTTP/1.0 404 WTF?\r\n\r\n');
  }
}

/** Connect, send a request, read until the server closes or `timeoutMs` passes. */
async function makeRequest(port: number, path = '/ping', timeoutMs = 2000): Promise<{ socket: net.Socket; result: Promise<string> }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET ${path} HTTP/1.0\r\n\r\n`);
  const result = new Promise<string>((resolve, reject) => {
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('latin1').on('data', (chunk: string) => (data += chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => undefined);
  });
  return { socket, result };
}

async function assertRequestSucceeded(port: number): Promise<void> {
  const { result } = await makeRequest(port, '/ping');
  expect(await result).toMatch(/\r\n\r\nPONG$/);
}

async function assertConnectionRefused(port: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
  expect(error.code).toBe('ECONNREFUSED');
}

async function assertNotAccepted(port: number): Promise<void> {
  const { result } = await makeRequest(port, '/ping', 100);
  await expect(result).rejects.toThrow(/timed out/);
}

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

let server: StreamServer | undefined;
let listener: net.Server | undefined;

// Real time: these tests are about sockets, and every wait they make is bounded by a client-side timer.
beforeEach(() => setHub(new Hub()));
afterEach(async () => {
  await server?.stop(0);
  listener?.close();
  server = listener = undefined;
});

async function startServer(options: StreamServerOptions = {}): Promise<number> {
  server = new StreamServer({ host: '127.0.0.1', port: 0 }, simpleHandle, options);
  await server.start();
  return server.serverPort!;
}

describe('TestDefaultSpawn', () => {
  it('test_backlog_is_not_accepted_for_socket', () => {
    expect(() => new StreamServer(net.createServer(), simpleHandle, { backlog: 25 })).toThrow(TypeError);
  });

  it('test_backlog_is_accepted_for_address', async () => {
    const port = await freePort();
    server = new StreamServer({ host: '127.0.0.1', port }, simpleHandle, { backlog: 25 });
    await assertConnectionRefused(port);
    await server.start();
    await assertRequestSucceeded(port);
    await assertRequestSucceeded(port);
    await server.stop();
    await assertConnectionRefused(port);
  });

  it('test_subclass_with_socket', async () => {
    listener = net.createServer().listen(0, '127.0.0.1');
    await once(listener, 'listening');
    const { port } = listener.address() as net.AddressInfo;
    server = new StreamServer(listener, simpleHandle);
    // The listening socket exists, so the connection is not refused, but nothing handles it before start().
    await assertNotAccepted(port);
    await server.start();
    await assertRequestSucceeded(port);
    await assertRequestSucceeded(port);
    await server.stop();
    await assertConnectionRefused(port);
  });

  it('test_subclass_with_address', async () => {
    const port = await freePort();
    server = new StreamServer({ host: '127.0.0.1', port }, simpleHandle);
    await assertConnectionRefused(port);
    expect(server.started).toBe(false);
    await server.start();
    expect(server.started).toBe(true);
    await assertRequestSucceeded(port);
    await server.stop();
    expect([server.started, server.closed]).toEqual([false, true]);
    await assertConnectionRefused(port);
  });

  it('test_invalid_callback', () => {
    expect(() => new StreamServer({ port: 0 }, undefined as never)).toThrow(new TypeError('StreamServer(listener, handle): handle must be a function, got undefined'));
  });

  it('test_serve_forever', async () => {
    const port = await freePort();
    server = new StreamServer({ host: '127.0.0.1', port }, simpleHandle);
    expect(server.started).toBe(false);
    const s = server;
    const g = spawn(function* () {
      yield* s.serveForever();
      return 'stopped';
    });
    while (!s.address) await new Promise((resolve) => setImmediate(resolve));
    await assertRequestSucceeded(port);
    await s.stop();
    expect(s.started).toBe(false);
    await assertConnectionRefused(port);
    expect(await g.get()).toBe('stopped');
  });

  it('test_server_closes_client_sockets', async () => {
    server = new StreamServer({ host: '127.0.0.1', port: 0 }, () => []);
    await server.start();
    const { result } = await makeRequest(server.serverPort!, '/');
    expect(await result).toBe('');
  });

  it('test_server_repr_when_handle_is_instancemethod', async () => {
    await startServer();
    expect(inspect(server)).toMatch(/^<StreamServer at 127\.0\.0\.1:\d+ handle=simpleHandle 0 connections>$/);
  });

  it('serves the 404 branch and closes the socket when the handler returns', async () => {
    const port = await startServer();
    const { result } = await makeRequest(port, '/nope');
    expect(await result).toBe('HTTP/1.0 404 WTF?\r\n\r\n');
  });
});

describe('TestPoolSpawn', () => {
  it('test_pool_full', async () => {
    const port = await startServer({ spawn: 2 });
    const long = await makeRequest(port, '/long');
    const short = await makeRequest(port, '/short');
    while (server!.connections < 2) await new Promise((resolve) => setImmediate(resolve));
    // Both slots are taken: a third connection is not served...
    const third = await makeRequest(port, '/ping', 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server!.connections).toBe(2);
    // ...until a slot frees.
    short.socket.end();
    expect(await third.result).toMatch(/PONG$/);
    long.socket.end();
    expect(await long.result).toBe('hello');
    expect(await short.result).toBe('hello');
  });

  it('runs handlers as members of the Pool it is given', async () => {
    const pool = new Pool(5);
    const port = await startServer({ spawn: pool });
    const long = await makeRequest(port, '/long');
    while (pool.size < 1) await new Promise((resolve) => setImmediate(resolve));
    expect([pool.size, pool.freeCount()]).toEqual([1, 4]);
    long.socket.end();
    expect(await long.result).toBe('hello');
  });

  it('rejects a spawn that is neither a positive integer nor a pool', () => {
    expect(() => new StreamServer({ port: 0 }, simpleHandle, { spawn: 0 })).toThrow(/options\.spawn must be a positive integer or a Pool, got 0/);
  });
});

describe('graceful stop', () => {
  it('gives running handlers the stop timeout, then kills them (their finally blocks run) and closes their sockets', async () => {
    const events: string[] = [];
    server = new StreamServer({ host: '127.0.0.1', port: 0 }, function* (socket) {
      try {
        while ((yield* socket.recv()).length > 0);
      } finally {
        events.push('handler finally');
      }
    });
    await server.start();
    const { result } = await makeRequest(server.serverPort!, '/');
    while (server.connections < 1) await new Promise((resolve) => setImmediate(resolve));
    await server.stop(20);
    expect(events).toEqual(['handler finally']);
    expect(server.connections).toBe(0);
    expect(await result).toBe('');
    await expect(server.start()).rejects.toThrow(/was stopped; create a new one/);
  });
});
