import { spawn as spawnProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { EventLoopBlocked, startBlockingMonitor, subscribe, type BlockingMonitor, type MonitorEvent } from '../monkey/index.js';

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('blocking monitor (post-hoc tracer)', () => {
  let events: MonitorEvent[];
  let unsubscribe: () => void;
  let monitor: BlockingMonitor | undefined;
  let printed: string[];

  beforeEach(() => {
    const { hub } = freshHub();
    printed = [];
    hub.exceptionStream = { write: (text: string) => printed.push(text) };
    events = [];
    unsubscribe = subscribe((event) => events.push(event));
  });

  afterEach(async () => {
    unsubscribe();
    await monitor?.stop();
    monitor = undefined;
  });

  it('reports a greenlet that held the thread longer than maxBlockingTime, with its name, time and spawn stack', async () => {
    monitor = startBlockingMonitor({ maxBlockingTime: 20, watchdog: false });
    function startCruncher() {
      return spawn(function* () {
        busyWait(60);
      });
    }
    const g = startCruncher();
    g.name = 'cruncher';
    await g.join();
    const blocked = events.filter((e): e is EventLoopBlocked => e instanceof EventLoopBlocked);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.greenlet).toBe(g);
    expect(blocked[0]!.blockingTime).toBeGreaterThanOrEqual(60);
    expect(blocked[0]!.info[0]).toMatch(/: Greenlet cruncher blocked the hub for \d+\.\d ms without switching$/);
    expect(blocked[0]!.info.join('\n')).toMatch(/spawned at:\n(\s+at .*\n)*\s+at startCruncher /);
    expect(printed.join('')).toContain('Greenlet cruncher blocked the hub');
  });

  it('does not report greenlets that switch often, however long they run in total', async () => {
    // 20 slices of 20 ms: 400 ms in total, each far below the limit even on a busy machine.
    monitor = startBlockingMonitor({ maxBlockingTime: 200, watchdog: false });
    await spawn(function* () {
      for (let i = 0; i < 20; i++) {
        busyWait(20);
        yield* sleep(0);
      }
    }).join();
    expect(events).toEqual([]);
  });

  it('print: false only emits the event', async () => {
    monitor = startBlockingMonitor({ maxBlockingTime: 10, watchdog: false, print: false });
    await spawn(function* () {
      busyWait(30);
    }).join();
    expect(events).toHaveLength(1);
    expect(printed).toEqual([]);
  });

  it('stop() removes the tracer: nothing is reported afterwards', async () => {
    monitor = startBlockingMonitor({ maxBlockingTime: 10, watchdog: false });
    await monitor.stop();
    await spawn(function* () {
      busyWait(30);
    }).join();
    expect(events).toEqual([]);
  });

  it('rejects a maxBlockingTime that is not a positive number with a RangeError naming it', () => {
    expect(() => startBlockingMonitor({ maxBlockingTime: 0 })).toThrow(/options\.maxBlockingTime must be a positive number of milliseconds, got 0/);
  });
});

describe('blocking monitor (watchdog thread)', () => {
  it('reports on stderr while the block is still going on, and does not keep the process alive', async () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const script = `
      import { writeSync } from 'node:fs';
      import { spawn } from '${src}greenlet/spawn.ts';
      import { startBlockingMonitor } from '${src}monkey/index.ts';
      await startBlockingMonitor({ maxBlockingTime: 50, print: false }).ready;
      const g = spawn(function* () {
        const end = Date.now() + 1000;
        while (Date.now() < end);
        writeSync(2, 'block over\\n');
      });
      g.name = 'busy';
      await g.join();
    `;
    const child = spawnProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const report = stderr.indexOf('Greenlet busy appears to be blocked');
    expect(report).toBeGreaterThanOrEqual(0);
    expect(report).toBeLessThan(stderr.indexOf('block over'));
  });
});
