// Child-process workloads of the `greenlet` suite: each export runs in a fresh Node process.
import { greenlet } from '@coro/greenlet';
import { opsPerSecond as timingOpsPerSecond, type Rate } from '../timing.js';

// Timed on CPU time, as the Python side (time.process_time()) is: see timing.ts.
const opsPerSecond = (ops: number, runs: number, body: () => void): Promise<Rate> => timingOpsPerSecond(ops, runs, body, 'cpu');

export const SWITCHES = 2_000_000;
export const CREATES = 200_000;
/** Runs per child; the suite runs several children per implementation (rounds.ts). */
export const RUNS = 5;

let g1: greenlet;
let g2: greenlet;
let half = 0;

function* first(): Generator<unknown, void, unknown> {
  for (let i = 0; i < half; i++) yield* g2.switch(i);
}

function* second(): Generator<unknown, void, unknown> {
  for (;;) yield* g1.switch(1);
}

/** switch-2, @coro/greenlet: two greenlets switching to each other; one switch per switch() call. */
export function greenletSwitch2(switches: number, runs: number): Promise<Rate> {
  half = switches / 2;
  return opsPerSecond(switches, runs, () => {
    g1 = new greenlet(first);
    g2 = new greenlet(second);
    g1.switch(); // returns when `first` finishes; `second` is left suspended, as in Python
  });
}

function* firstYield(): Generator<unknown, void, unknown> {
  for (let i = 0; i < half; i++) yield g2.switch(i);
}

function* secondYield(): Generator<unknown, void, unknown> {
  for (;;) yield g1.switch(1);
}

/** switch-2, @coro/greenlet written `yield g.switch()`: the same switch without yield* delegation (untyped value). */
export function greenletSwitch2Yield(switches: number, runs: number): Promise<Rate> {
  half = switches / 2;
  return opsPerSecond(switches, runs, () => {
    g1 = new greenlet(firstYield);
    g2 = new greenlet(secondYield);
    g1.switch();
  });
}

function* pingPong(): Generator<number, void, number> {
  let v = 0;
  for (;;) v = yield v;
}

/** switch-2, the floor: two raw generators resumed alternately by a plain loop, one resume per switch. */
export function rawSwitch2(switches: number, runs: number): Promise<Rate> {
  return opsPerSecond(switches, runs, () => {
    const a = pingPong();
    const b = pingPong();
    a.next();
    b.next();
    for (let i = 0; i < switches / 2; i++) {
      a.next(i);
      b.next(i);
    }
  });
}

/** A reusable iterator that yields itself once, then returns the value it is resumed with. */
class Request implements Iterator<unknown, unknown, unknown> {
  to = 0;
  armed = false;
  private readonly request: IteratorYieldResult<unknown> = { value: this, done: false };
  private readonly result: { value: unknown; done: true } = { value: undefined, done: true };
  [Symbol.iterator](): this {
    return this;
  }
  next(value?: unknown): IteratorResult<unknown, unknown> {
    if (this.armed) {
      this.armed = false;
      return this.request;
    }
    this.result.value = value;
    return this.result;
  }
}

const requests = [new Request(), new Request()] as const;

function* firstDelegating(): Generator<unknown, void, unknown> {
  for (let i = 0; i < half; i++) {
    requests[0].to = 1;
    requests[0].armed = true;
    yield* requests[0];
  }
}

function* secondDelegating(): Generator<unknown, void, unknown> {
  for (;;) {
    requests[1].to = 0;
    requests[1].armed = true;
    yield* requests[1];
  }
}

/**
 * switch-2, the floor of any yield*-based switch: two generators each delegating with yield* to a
 * reusable request, handed to each other by a plain loop. No greenlet semantics at all.
 */
export function rawSwitch2Delegating(switches: number, runs: number): Promise<Rate> {
  half = switches / 2;
  return opsPerSecond(switches, runs, () => {
    const gens = [firstDelegating(), secondDelegating()];
    let at = 0;
    let value: unknown;
    for (;;) {
      const step = gens[at]!.next(value);
      if (step.done === true) break;
      at = (step.value as Request).to;
      value = at;
    }
  });
}

function* body(x: number): Generator<unknown, number, unknown> {
  return x;
}

/** create-200k, @coro/greenlet: create a greenlet, switch into it, let it finish. */
export function greenletCreate(creates: number, runs: number): Promise<Rate> {
  return opsPerSecond(creates, runs, () => {
    for (let i = 0; i < creates; i++) new greenlet(body).switch(i);
  });
}

/** create-200k, the floor: create a raw generator and run it to its end. */
export function rawCreate(creates: number, runs: number): Promise<Rate> {
  return opsPerSecond(creates, runs, () => {
    for (let i = 0; i < creates; i++) body(i).next();
  });
}
