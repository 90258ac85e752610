import { type Instruction, type Operation, VirtualClock } from '@coro/core';
import { expect, it } from 'vitest';
import { getHub, setHub } from './hub/current.js';
import { Hub } from './hub/hub.js';
import { Timeout } from './timeout.js';

/** A fresh hub on a virtual clock, installed as the process hub, with its error reports captured. */
export function freshHub(): { hub: Hub; clock: VirtualClock; reports: string[] } {
  const clock = new VirtualClock();
  const hub = new Hub({ clock });
  const reports: string[] = [];
  hub.exceptionStream = { write: (text: string) => reports.push(text) };
  setHub(hub);
  return { hub, clock, reports };
}

/** Run `body` as the main greenlet's blocking call, the way gevent tests run in main. */
export function inMain<T>(body: () => Generator<Instruction, T, any>): Promise<T> {
  return getHub().runRoot({ [Symbol.iterator]: body }) as Promise<T>;
}

/** Python's ExpectedException. */
export class ExpectedError extends Error {
  override readonly name: string = 'ExpectedError';
}

/** gevent.testing.timing.AbstractGenericWaitTestCase: waiting APIs that return nothing on their own timeout. */
export function genericWaitTests(wait: (timeout: number | Timeout) => Operation<unknown>): void {
  it('test_returns_none_after_timeout', async () => {
    const { clock } = freshHub();
    const start = clock.now();
    const result = await inMain(function* () {
      return yield* wait(200);
    });
    expect(clock.now() - start).toBe(200);
    expect(result).toBeUndefined();
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
export function genericGetTests(wait: (timeout: number | Timeout) => Operation<unknown>, expected: abstract new (...args: any[]) => unknown = Timeout, options: { outer?: boolean } = {}): void {
  it('test_raises_timeout_number', async () => {
    const { clock } = freshHub();
    const start = clock.now();
    await expect(inMain(() => wrap(wait(10)))).rejects.toBeInstanceOf(expected);
    expect(clock.now() - start).toBe(10);
  });
  if (options.outer === false) return;
  it('test_raises_timeout_Timeout', async () => {
    freshHub();
    const timeout = new Timeout(10);
    try {
      await expect(inMain(() => wrap(wait(timeout)))).rejects.toBe(timeout);
    } finally {
      timeout.close();
    }
  });
  it('test_raises_timeout_Timeout_exc_customized', async () => {
    freshHub();
    const error = new Error('expected error');
    const timeout = new Timeout(10, error);
    try {
      await expect(inMain(() => wrap(wait(timeout)))).rejects.toBe(error);
    } finally {
      timeout.close();
    }
  });
  outerTimeoutTest(wait);
}

function* wrap(op: Operation<unknown>): Generator<Instruction, unknown, unknown> {
  return yield* op;
}
