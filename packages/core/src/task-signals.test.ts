import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Scheduler, sleep, VirtualClock } from './index.js';

describe('tasks sharing one AbortSignal', () => {
  it('cost the signal one listener per scheduler, however many tasks share it (100k, no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const signal = controller.signal;
      let adds = 0;
      const add = signal.addEventListener.bind(signal);
      signal.addEventListener = (...args: Parameters<typeof add>): void => {
        adds++;
        add(...args);
      };
      const scheduler = new Scheduler({ clock: new VirtualClock() });
      const other = new Scheduler({ clock: new VirtualClock() });
      const tasks = [];
      for (let i = 0; i < 100_000; i++) tasks.push(scheduler.spawnWith({ signal }, function* () { yield; }));
      other.spawnWith({ signal }, function* () { yield; });
      expect(adds).toBe(2);
      expect(getEventListeners(signal, 'abort')).toHaveLength(2);
      await Promise.all([scheduler.run(), other.run()]);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0); // dropped once no task needs it
      expect(tasks.every((t) => t.state === 'done')).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('cancels every task bound to it when it aborts, with its reason, and no others', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const controller = new AbortController();
    const bound = [1, 2, 3].map((i) => scheduler.spawnWith({ signal: controller.signal, name: `bound${i}` }, function* () { yield* sleep(100); }));
    const free = scheduler.spawn(function* free() { yield* sleep(100); return 'free'; });
    scheduler.spawn(function* aborter() {
      yield* sleep(10);
      controller.abort('enough');
    });
    const outcomes = await Promise.all(bound.map((t) => t.then(() => 'done', (e: Error) => `${e.name}: ${String(e.cause)}`)));
    expect(outcomes).toEqual(['Cancelled: enough', 'Cancelled: enough', 'Cancelled: enough']);
    expect(await free).toBe('free');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
