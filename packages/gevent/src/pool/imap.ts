import type { Instruction } from '@coro/core';
import { asyncIterate, type BlockingIterator } from '../hub/blocking-iterator.js';
import { Greenlet } from '../greenlet/greenlet.js';
import type { GreenletSet } from './greenlet-set.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { Semaphore } from '../sync/semaphore.js';
import { SimpleQueue } from '../queue/simple-queue.js';

/** What `map`/`imap` accept: any iterable, or a {@link BlockingIterator} (a queue's `iterate()`, another imap). */
export type MapInput<I> = Iterable<I> | BlockingIterator<I>;

/**
 * Options for `imap` and `imapUnordered`.
 *
 * @example
 * ```ts
 * pool.imap(work, inputs, { maxsize: 1 });
 * ```
 */
export interface ImapOptions {
  /**
   * Bound the items started ahead of the consumer: the feeder takes a permit per item and each
   * `next()` call gives one back before it waits, as in gevent (so at most `maxsize + 1` results wait).
   */
  maxsize?: number;
}

type Entry = { kind: 'result'; index: number; g: Greenlet<unknown> } | { kind: 'end'; count: number } | { kind: 'error'; index: number; error: unknown };

/** @internal */
export function isBlockingIterator<I>(input: MapInput<I>): input is BlockingIterator<I> {
  return typeof (input as BlockingIterator<I>).next === 'function' && !(Symbol.iterator in input);
}

/**
 * What `imap` and `imapUnordered` return: a {@link BlockingIterator} that also says how many
 * results are waiting to be taken (gevent's `len(imap.queue)`).
 *
 * @typeParam T - the results.
 * @example
 * ```ts
 * const it = pool.imap(work, inputs, { maxsize: 1 });
 * yield* it.next();
 * console.log(it.buffered); // finished results not taken yet: at most maxsize + 1
 * ```
 */
export interface ImapIterator<T> extends BlockingIterator<T> {
  /** Results computed (successfully or not) and not yet taken by `next()`. */
  readonly buffered: number;
}

/** The feeder: walks the inputs, spawning one member per item (waiting for slots), reporting each completion. */
/** Results finished so far, and (once the inputs are exhausted) how many items were started. */
type Counts = { completed: number; started: number | null };

function* feed<I>(group: GreenletSet, fn: (input: I) => unknown, inputs: MapInput<I>, results: SimpleQueue<Entry>, bound: Semaphore | null, counts: Counts): Generator<Instruction, void, unknown> {
  let index = 0;
  const startOne = function* (input: I): Generator<Instruction, void, unknown> {
    if (bound !== null) yield* bound.acquire();
    const i = index;
    const g = yield* group.spawnForMap(fn, [input]);
    index++; // counts the items started: an error entry's index says how many results will come
    g.rawlink((done: Greenlet<unknown>) => {
      counts.completed++;
      results.putNowait({ kind: 'result', index: i, g: done });
      if (counts.started !== null && counts.completed >= counts.started) results.putNowait({ kind: 'end', count: counts.started });
    });
  };
  try {
    if (isBlockingIterator(inputs)) {
      for (let r = yield* inputs.next(); r.done !== true; r = yield* inputs.next()) yield* startOne(r.value);
    } else {
      for (const input of inputs) yield* startOne(input);
    }
    // As gevent's _on_finish: the end goes in now only if nothing is still running; otherwise the
    // last result brings it (so the end of the inputs alone wakes no consumer).
    if (counts.completed >= index) results.putNowait({ kind: 'end', count: index });
    else counts.started = index;
  } catch (error) {
    results.putNowait({ kind: 'error', index, error });
    // The feeder dies of it too, so the hub reports it, as gevent's IMap greenlet (or map's) does.
    throw error;
  }
}

class Imap<R> {
  private readonly pending = new Map<number, Greenlet<unknown>>();
  private want = 0;
  /** @internal results taken by the consumer. */
  delivered = 0;

  private end = Infinity;
  private failure: { index: number; error: unknown } | null = null;
  private finished = false;

  constructor(
    private readonly results: SimpleQueue<Entry>,
    private readonly ordered: boolean,
    private readonly bound: Semaphore | null,
    private readonly feeder: Greenlet<void>,
    /** @internal results finished by members (counted by the feeder's links). */
    readonly counts: Counts,
  ) {}

  *step(): Generator<Instruction, IteratorResult<R, undefined>, unknown> {
    // As gevent's __next__: give a permit back before waiting, so the feeder may start the next
    // item while this call waits (at most maxsize + 1 results are ever buffered).
    if (!this.finished) this.bound?.release();
    for (;;) {
      if (this.finished) return { done: true, value: undefined };
      if (this.ordered) {
        const g = this.pending.get(this.want);
        if (g !== undefined) {
          this.pending.delete(this.want++);
          return this.deliver(g);
        }
        if (this.failure !== null && this.want >= this.failure.index) return this.fail();
        if (this.want >= this.end) return this.finish();
      } else {
        if (this.delivered >= this.end) return this.finish();
      }
      const entry = yield* this.results.get();
      if (entry.kind === 'end') this.end = entry.count;
      else if (entry.kind === 'error' && !this.ordered) {
        // As gevent's IMapUnordered: the iterable's error is raised as soon as it is queued; the
        // items already started still come out of later next() calls.
        this.end = entry.index;
        throw entry.error;
      } else if (entry.kind === 'error') this.failure = entry;
      else if (this.ordered) this.pending.set(entry.index, entry.g);
      else return this.deliver(entry.g);
    }
  }

  private deliver(g: Greenlet<unknown>): IteratorResult<R, undefined> {
    this.delivered++;
    if (!g.successful()) throw g.exception;
    return { done: false, value: g.value as R };
  }

  private fail(): never {
    const { error } = this.failure!;
    this.finish();
    throw error;
  }

  finish(): IteratorResult<R, undefined> {
    if (!this.finished) {
      this.finished = true;
      if (!this.feeder.dead) this.feeder.kill(undefined, { block: false });
    }
    return { done: true, value: undefined };
  }
}

const stepOp = /* @__PURE__ */ blocking('step', function* <R>(imap: Imap<R>): Generator<Instruction, IteratorResult<R, undefined>, unknown> {
  return yield* imap.step();
});

/** @internal the iterator behind `imap` and `imapUnordered`. */
export function imapIterator<I>(group: GreenletSet, fn: (input: I) => unknown, inputs: MapInput<I>, ordered: boolean, options: ImapOptions): ImapIterator<unknown> {
  if (typeof fn !== 'function') throw new TypeError(`${ordered ? 'imap' : 'imapUnordered'}: fn must be a function`);
  const maxsize = options.maxsize;
  if (maxsize !== undefined && (!Number.isInteger(maxsize) || maxsize < 1)) throw new RangeError(`maxsize must be a positive integer, got ${String(maxsize)}`);
  const bound = maxsize === undefined ? null : new Semaphore(maxsize);
  const results = new SimpleQueue<Entry>();
  const counts: Counts = { completed: 0, started: null };
  const feeder = Greenlet.spawn(feed<I>, group, fn, inputs, results, bound, counts);
  const imap = new Imap<unknown>(results, ordered, bound, feeder, counts);
  const next = (): Blocking<IteratorResult<unknown, undefined>> => stepOp(imap);
  const dispose = (): void => void imap.finish();
  return {
    next,
    get buffered() {
      return imap.counts.completed - imap.delivered;
    },
    [Symbol.asyncIterator]: () => asyncIterate(next, dispose),
    [Symbol.dispose]: dispose,
  };
}
