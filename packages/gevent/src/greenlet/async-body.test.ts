import { beforeEach, describe, expect, it } from 'vitest';
import { getCurrent } from '../hub/current.js';
import { sleep } from '../hub/sleep.js';
import { Queue } from '../queue/queue.js';
import { freshHub } from '../test-support.js';
import { GreenletExit } from './greenlet-exit.js';
import type { Greenlet } from './greenlet.js';
import { spawn } from './spawn.js';

// An async function may be a greenlet body: it is awaited through the hub. Inside it, gevent's
// blocking calls are awaited as from ordinary code (issue 12: they failed with "created but never
// started: write `yield* …`", advice an async function cannot follow).
describe('async greenlet bodies', () => {
  beforeEach(() => {
    freshHub();
  });

  it('await sleep(20) and await q.get() work inside an async body', async () => {
    const q = new Queue<string>();
    const g = spawn(async () => {
      await sleep(20);
      return await q.get();
    });
    spawn(function* () {
      yield* sleep(30);
      q.putNowait('item');
    });
    expect(await g.get()).toBe('item');
  });

  it('kill() aborts the body`s signal with GreenletExit and the greenlet ends at once', async () => {
    let signal: AbortSignal | undefined;
    const steps: string[] = [];
    const g: Greenlet<void> = spawn(async () => {
      signal = (getCurrent() as Greenlet<void>).signal;
      steps.push('started');
      await sleep(1000);
      steps.push('never: the body cannot be stopped mid-step, but its result is ignored');
    });
    await sleep(10);
    expect(signal?.aborted).toBe(false);
    await g.kill();
    expect(g.dead).toBe(true);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(GreenletExit);
    expect(steps).toEqual(['started']);
  });
});
