// Replays random programs whose logs were printed by Python's gevent 22.10 (see README.md here):
// queues (put/get/peek, blocking and not, LIFO and joinable) and Event, AsyncResult, Semaphore,
// BoundedSemaphore and Channel. The programs of each kind run one after another on one hub, as
// the Python runners did.
import { type Instruction, VirtualClock } from '@coro/core';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AsyncResult, BoundedSemaphore, Channel, Empty, Event, Full, getHub, Hub, killAll, LifoQueue, Queue, Semaphore, setHub, SimpleQueue, sleep, spawn } from '../../src/index.js';

type Op = [string, number?];
type Program = { kind: string; maxsize?: number | null; init?: number; gs: Op[][]; main: Op[] };
type Step = (who: number | 'm', op: Op, log: unknown[]) => Generator<Instruction, void, unknown>;
const fixture = JSON.parse(readFileSync(new URL('gevent-22.10-queues-sync.json', import.meta.url), 'utf8')) as Record<'queues' | 'sync', { programs: Program[]; expected: unknown[][] }>;

/** Run every program on one fresh virtual-clock hub; `setup` makes the object and its step. */
function replay(programs: Program[], setup: (p: Program) => { step: Step; last?: () => unknown[] }): Promise<unknown[][]> {
  setHub(new Hub({ clock: new VirtualClock() }));
  return getHub().runRoot({
    *[Symbol.iterator]() {
      const out: unknown[][] = [];
      for (const program of programs) {
        yield* sleep(0);
        const log: unknown[] = [];
        const { step, last } = setup(program);
        const gs = program.gs.map((ops, i) =>
          spawn(function* () {
            for (const op of ops) yield* step(i, op, log);
            log.push([i, 'done']);
          }),
        );
        for (const op of program.main) yield* step('m', op, log);
        for (let i = 0; i < 6; i++) yield* sleep(0);
        if (last) log.push(last());
        yield* killAll(gs);
        out.push(log);
      }
      return out;
    },
  }) as Promise<unknown[][]>;
}

it('queues: the logs gevent 22.10 printed for 150 random programs', async () => {
  const kinds = { Queue: SimpleQueue, LifoQueue, JoinableQueue: Queue } as const;
  const logs = await replay(fixture.queues.programs, (program) => {
    const q = new kinds[program.kind as keyof typeof kinds]<unknown>(program.maxsize ?? undefined);
    const step: Step = function* (who, [name, v], log) {
      try {
        if (name === 'put') {
          yield* q.put(v);
          log.push([who, 'put', v]);
        } else if (name === 'put_nowait') {
          q.putNowait(v);
          log.push([who, 'putnw', v]);
        } else if (name === 'get') log.push([who, 'get', yield* q.get()]);
        else if (name === 'get_nowait') log.push([who, 'getnw', q.getNowait()]);
        else if (name === 'peek') log.push([who, 'peek', yield* q.peek()]);
        else if (name === 'peek_nowait') log.push([who, 'peeknw', q.peekNowait()]);
        else if (name === 'sleep0') {
          yield* sleep(0);
          log.push([who, 'slept']);
        }
      } catch (error) {
        if (error instanceof Empty) log.push([who, name, 'Empty']);
        else if (error instanceof Full) log.push([who, name, 'Full']);
        else throw error;
      }
    };
    return { step, last: () => ['qsize', q.qsize()] };
  });
  expect(logs).toEqual(fixture.queues.expected);
});

it('Event, AsyncResult, semaphores and Channel: the logs gevent 22.10 printed for 207 random programs', async () => {
  const logs = await replay(fixture.sync.programs, (program) => {
    const init = program.init ?? 0;
    const kind = program.kind;
    const o: any = kind === 'Semaphore' ? new Semaphore(init) : kind === 'BoundedSemaphore' ? new BoundedSemaphore(Math.max(init, 1)) : kind === 'Event' ? new Event() : kind === 'AsyncResult' ? new AsyncResult() : new Channel();
    const step: Step = function* (who, [name, v], log) {
      try {
        if (name === 'acquire') log.push([who, name, yield* o.acquire()]);
        else if (name === 'acquire_nb') log.push([who, name, yield* o.acquire({ blocking: false })]);
        else if (name === 'release') log.push([who, name, o.release()]);
        else if (name === 'wait') log.push([who, name, (yield* o.wait()) ?? null]);
        else if (name === 'sleep0') {
          yield* sleep(0);
          log.push([who, 'slept']);
        } else if (name === 'set') {
          if (kind === 'AsyncResult') o.set(v);
          else o.set();
          log.push([who, 'set']);
        } else if (name === 'clear') {
          o.clear();
          log.push([who, 'clear']);
        } else if (name === 'is_set') log.push([who, name, o.isSet()]);
        else if (name === 'ready') log.push([who, name, o.ready()]);
        else if (name === 'get') log.push([who, name, yield* o.get()]);
        else if (name === 'put') {
          yield* o.put(v);
          log.push([who, name, v]);
        }
      } catch (error) {
        if (error instanceof RangeError) log.push([who, name, 'ValueError']);
        else throw error;
      }
    };
    return { step };
  });
  expect(logs).toEqual(fixture.sync.expected);
});
