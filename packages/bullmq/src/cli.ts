#!/usr/bin/env node
// coro-worker: serve a BullMQ queue with this machine's executors until SIGTERM or SIGINT.
import { parseArgs } from 'node:util';
import { startWorker } from './worker/start-worker.js';

const usage = `Usage: coro-worker [options]

Serve a queue of @coro/bullmq jobs on this machine.

  --redis URL             Redis to use (default $REDIS_URL, else redis://127.0.0.1:6379)
  --queue NAME            queue to serve (default coro)
  --prefix PREFIX         BullMQ key prefix (default bull)
  --executor KIND         thread | process | coroutine (default thread)
  --size N                jobs at once (default: CPU count; 100 for coroutine)
  --root DIR              project root task paths are relative to (default: current directory)
  --abort-grace MS        thread/process: how long an aborted job may take to stop by itself (default 1000)
  --grace MS              at shutdown, how long running jobs may finish before they go back to the queue (default 10000)
  --lock-duration MS      a lost worker's jobs run again after this long (default 30000)
  --stalled-interval MS   how often to look for jobs of lost workers (default 30000)
  --name NAME             this worker's name (default host:pid)
  -h, --help              print this help
`;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text === 'Infinity' ? Infinity : Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new TypeError(`coro-worker: ${flag} must be a number, got '${text}'`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      redis: { type: 'string' },
      queue: { type: 'string' },
      prefix: { type: 'string' },
      executor: { type: 'string' },
      size: { type: 'string' },
      root: { type: 'string' },
      'abort-grace': { type: 'string' },
      grace: { type: 'string' },
      'lock-duration': { type: 'string' },
      'stalled-interval': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const options: Record<string, unknown> = {
    connection: values.redis,
    queue: values.queue,
    prefix: values.prefix,
    executor: values.executor,
    size: number('--size', values.size),
    root: values.root,
    abortGrace: number('--abort-grace', values['abort-grace']),
    grace: number('--grace', values.grace),
    lockDuration: number('--lock-duration', values['lock-duration']),
    stalledInterval: number('--stalled-interval', values['stalled-interval']),
    name: values.name,
  };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const worker = await startWorker(options);
  console.log(`${String(worker)}: ready`);
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${worker.name}: ${signal}, finishing ${worker.running} running job(s)`);
    // A second signal: hand running jobs back at once.
    process.once(signal, () => void worker.close(0));
    void worker.close().then(() => {
      console.log(`${worker.name}: stopped`);
      // A coroutine task that ignored its signal may still hold the event loop; it is not ours any more.
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof TypeError || error instanceof RangeError ? error.message : error);
  process.exitCode = 2;
});
