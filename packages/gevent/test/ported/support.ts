// Shared helpers for the ports of gevent's test files (gevent 22.10, src/gevent/tests/): what
// gevent.testing gives its suites (a fresh hub per test, ExpectedException, the generic
// wait/get timing cases), written against the public entry only, on core's VirtualClock.
import { type Instruction, type Operation, VirtualClock } from '@coro/core';
import { beforeEach, expect, it } from 'vitest';
import { Event, getHub, Hub, setHub, Timeout } from '../../src/index.js';

/** A fresh hub on a virtual clock, installed as the process hub, with its error reports captured. */
export function freshHub(): { hub: Hub; clock: VirtualClock; reports: string[] } {
  const clock = new VirtualClock();
  const hub = new Hub({ clock });
  const reports: string[] = [];
  hub.exceptionStream = { write: (text: string) => reports.push(text) };
  setHub(hub);
  return { hub, clock, reports };
}

/** greentest.TestCase: every test gets its own hub; the returned object is refreshed before each. */
export function useFreshHub(): { hub: Hub; clock: VirtualClock; reports: string[] } {
  const state = {} as { hub: Hub; clock: VirtualClock; reports: string[] };
  beforeEach(() => {
    Object.assign(state, freshHub());
  });
  return state;
}

/** Run `body` as the main greenlet's blocking call, the way gevent's tests run in main. */
export function inMain<T>(body: () => Generator<Instruction, T, any>): Promise<T> {
  return getHub().runRoot({ [Symbol.iterator]: body }) as Promise<T>;
}

/** `get_hub().switch()` in a test: block until something (a Timeout) is thrown in. */
export function* hubSwitch(): Generator<Instruction, unknown, unknown> {
  yield* new Event().wait();
  throw new Error('hubSwitch: resumed without an exception');
}

/** gevent.testing's ExpectedException. */
export class ExpectedException extends Error {
  override readonly name: string = 'ExpectedException';
}

/** What a blocking call raised, or `undefined`: Python's `with self.assertRaises(...)` inside a greenlet. */
export function* caught(op: Operation<unknown>): Generator<Instruction, unknown, unknown> {
  try {
    yield* op;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** gevent.testing.timing.AbstractGenericWaitTestCase: waiting APIs that return nothing on their own timeout. */
export function genericWaitTests(wait: (timeout: number | Timeout) => Operation<unknown>, expected: unknown = undefined): void {
  it('test_returns_none_after_timeout', async () => {
    const { clock } = freshHub();
    const start = clock.now();
    const result = await inMain(function* () {
      return yield* wait(200);
    });
    expect(clock.now() - start).toBe(200);
    expect(result).toBe(expected);
  });
  outerTimeoutTest(wait);
}

/** test_outer_timeout_is_not_lost: an enclosing Timeout is never swallowed. */
export function outerTimeoutTest(wait: (timeout: number | Timeout) => Operation<unknown>): void {
  it('test_outer_timeout_is_not_lost', async () => {
    freshHub();
    const timeout = Timeout.startNew(1, undefined, { ref: false });
    try {
      await expect(
        inMain(function* () {
          return yield* wait(1000);
        }),
      ).rejects.toBe(timeout);
    } finally {
      timeout.close();
    }
  });
}

/** gevent.testing.timing.AbstractGenericGetTestCase: APIs that raise on their own timeout. */
export function genericGetTests(wait: (timeout: number | Timeout) => Operation<unknown>, expected: abstract new (...args: any[]) => unknown = Timeout): void {
  it('test_raises_timeout_number', async () => {
    const { clock } = freshHub();
    const start = clock.now();
    await expect(inMain(() => delegate(wait(10)))).rejects.toBeInstanceOf(expected);
    expect(clock.now() - start).toBe(10);
  });
  it('test_raises_timeout_Timeout', async () => {
    freshHub();
    const timeout = new Timeout(10);
    try {
      await expect(inMain(() => delegate(wait(timeout)))).rejects.toBe(timeout);
    } finally {
      timeout.close();
    }
  });
  it('test_raises_timeout_Timeout_exc_customized', async () => {
    freshHub();
    const error = new Error('expected error');
    const timeout = new Timeout(10, error);
    try {
      await expect(inMain(() => delegate(wait(timeout)))).rejects.toBe(error);
    } finally {
      timeout.close();
    }
  });
  outerTimeoutTest(wait);
}

function* delegate(op: Operation<unknown>): Generator<Instruction, unknown, unknown> {
  return yield* op;
}
