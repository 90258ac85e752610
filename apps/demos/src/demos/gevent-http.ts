/**
 * The seed's HTTP crawler: a queue of 100 URLs to http://127.0.0.1:8888, emptied by greenlets
 * that `requests.get` each one, timed by a `countTime` wrapper. Run with 1 worker (as the seed),
 * then with 10. When nothing answers on 8888, the demo serves it itself with a StreamServer.
 */
import net from 'node:net';
import { Queue, spawn, wait } from '@coro/gevent';
import { patchAll, StreamServer, time, type GreenSocket } from '@coro/gevent/monkey';

patchAll();

const URL = 'http://127.0.0.1:8888';
const q = new Queue<string>();

// requests.get(url), as a blocking call of the calling greenlet: fetch is bound to it by patchAll().
const requests = {
  *get(url: string) {
    const response = yield* wait(fetch(url));
    yield* wait(response.text());
    return response;
  },
};

// 统计函数运行时间的装饰器
function countTime<A extends unknown[]>(func: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    console.log('>>>开始执行>>>');
    const startTime = time.time();
    await func(...args);
    const endTime = time.time();
    console.log('<<<执行结束<<<');
    console.log(`总耗时: ${endTime - startTime}`);
  };
}

let fetched = 0;

function* work() {
  while (q.qsize() > 0) {
    const url = yield* q.get();
    yield* requests.get(url);
    fetched++;
  }
}

const workSlave = countTime(async (workers: number) => {
  const ws = Array.from({ length: workers }, () => spawn(work));
  for (const w of ws) await w.join();
});

const server = (await answers(8888)) ? undefined : new StreamServer({ host: '127.0.0.1', port: 8888 }, handleHttp);
await server?.start();

for (const workers of [1, 10]) {
  for (let i = 0; i < 100; i++) q.putNowait(URL);
  fetched = 0;
  await workSlave(workers);
  console.log(`# ${workers} ${workers === 1 ? 'worker' : 'workers'}: ${fetched} URLs fetched`);
}

await server?.stop(0);

/** Whether something already listens on 127.0.0.1:`port`. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => resolve(true)).once('error', () => resolve(false));
    probe.once('close', () => probe.destroy());
    probe.once('connect', () => probe.destroy());
  });
}

/** A minimal keep-alive HTTP/1.1 responder: one greenlet per connection, one answer per request head. */
function* handleHttp(socket: GreenSocket) {
  const body = 'hello from the gevent demo\n';
  let pending = '';
  for (;;) {
    const chunk = yield* socket.recv();
    if (chunk.length === 0) return;
    pending += chunk.toString('latin1');
    for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
      pending = pending.slice(end + 4);
      yield* socket.sendall(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    }
  }
}
