// Measurements of the compare suite, each run by inChild in a fresh Node process (optionally under
// taskset), so one pool's threads and heap never colour another's figures.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TaskRef } from '@coro/core';
import { ProcessExecutor, ThreadExecutor } from '@coro/compare';
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import workerpool from 'workerpool';
import { summarise } from '../measurement.js';

const require = createRequire(import.meta.url);
/** The same built no-op every thread pool runs: @coro/compare's harness task module. */
const tasksFile = join(dirname(require.resolve('@coro/compare/package.json')), 'dist', 'harness-tasks.js');
const noop: TaskRef<() => void> = { module: pathToFileURL(tasksFile).href, exportName: 'noop', options: {}, with: () => noop };

interface Pool {
  run(): Promise<unknown>;
  close(): Promise<unknown>;
}

function threadPool(impl: string, size: number): Pool {
  if (impl === 'piscina') {
    const pool = new Piscina({ filename: tasksFile, name: 'noop', minThreads: size, maxThreads: size });
    return { run: () => pool.run(null), close: () => pool.destroy() };
  }
  if (impl === 'tinypool') {
    const pool = new Tinypool({ filename: tasksFile, name: 'noop', minThreads: size, maxThreads: size });
    return { run: () => pool.run(null), close: () => pool.destroy() };
  }
  const executor = new ThreadExecutor({ size });
  return { run: () => executor.submit(noop), close: () => executor.close() };
}

const workerScript = join(tmpdir(), 'coro-bench-workerpool-worker.cjs');
const echoScript = join(tmpdir(), 'coro-bench-fork-echo.cjs');
const jobEchoScript = join(tmpdir(), 'coro-bench-fork-job-echo.cjs');

function processPool(impl: string): Pool {
  if (impl === 'workerpool') {
    writeFileSync(workerScript, `require(${JSON.stringify(require.resolve('workerpool'))}).worker({ noop() {} });\n`);
    const pool = workerpool.pool(workerScript, { workerType: 'process', maxWorkers: 1, minWorkers: 1 });
    return { run: () => Promise.resolve(pool.exec('noop', [])), close: () => Promise.resolve(pool.terminate()) };
  }
  if (impl === 'child_process.fork') {
    writeFileSync(echoScript, "process.on('message', (m) => process.send(m));\n");
    const child = fork(echoScript, [], { serialization: 'advanced' });
    return {
      run: () =>
        new Promise((resolve) => {
          child.once('message', resolve);
          child.send(0);
        }),
      close: () => Promise.resolve(child.kill()),
    };
  }
  if (impl === 'child_process.fork (job-shaped)') {
    // What any executor has to send: a job id, which task, its arguments; back, the id and a value.
    // A message that is an array costs V8's serializer about 1–2 µs more each way than a bare number.
    writeFileSync(jobEchoScript, "process.on('message', (m) => process.send([0, m[1], undefined]));\n");
    const child = fork(jobEchoScript, [], { serialization: 'advanced' });
    let id = 0;
    return {
      run: () =>
        new Promise((resolve) => {
          child.once('message', resolve);
          child.send([0, ++id, noop.module, noop.exportName, []]);
        }),
      close: () => Promise.resolve(child.kill()),
    };
  }
  const executor = new ProcessExecutor({ size: 1, execArgv: [] });
  return { run: () => executor.submit(noop), close: () => executor.close() };
}

async function timed(body: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** 100,000 no-op jobs on 2 threads, either 64 in flight or all submitted at once; jobs per second. */
export async function noop100k(impl: string, mode: '64' | 'all', runs: number) {
  const pool = threadPool(impl, 2);
  const jobs = 100_000;
  const body =
    mode === 'all'
      ? () => Promise.all(Array.from({ length: jobs }, () => pool.run()))
      : async () => {
          let next = 0;
          await Promise.all(Array.from({ length: 64 }, async () => {
            while (next++ < jobs) await pool.run();
          }));
        };
  await body();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push((jobs * 1000) / (await timed(body)));
  await pool.close();
  return summarise(rates);
}

/** One job at a time: round trips per second through a pool of one. */
export async function roundtrip(impl: string, kind: 'thread' | 'process', runs: number) {
  const pool = kind === 'thread' ? threadPool(impl, 1) : processPool(impl);
  const trips = kind === 'thread' ? 20_000 : 5_000;
  const body = async () => {
    for (let i = 0; i < trips; i++) await pool.run();
  };
  await body();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push((trips * 1000) / (await timed(body)));
  await pool.close();
  return summarise(rates);
}

/** A new pool to its first result, in milliseconds. */
export async function startup(impl: string, kind: 'thread' | 'process', runs: number) {
  const once = async () => {
    let pool: Pool | undefined;
    const ms = await timed(async () => {
      pool = kind === 'thread' ? threadPool(impl, 2) : processPool(impl);
      await pool.run();
    });
    await pool!.close();
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return summarise(times);
}
