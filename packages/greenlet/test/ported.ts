// Helpers shared by the ports of greenlet's test suite (test_greenlet.py defines them at the top).
import { getCurrent, greenlet } from '../src/greenlet.js';

export class SomeError extends Error {
  override name = 'SomeError';
}

/** test_greenlet.py's fmain: park in the parent; record what is thrown in; finish with SomeError. */
export function* fmain(seen: unknown[]): Generator<unknown, never, unknown> {
  try {
    yield* getCurrent().parent!.switch();
  } catch (e) {
    seen.push((e as Error).name);
    throw e;
  }
  throw new SomeError();
}

/** test_greenlet.py's _do_simple_test: switch into a child and back twice; returns the order of events. */
export function doSimpleTest(): number[] {
  const lst: number[] = [];
  const g = new greenlet(function* f() {
    lst.push(1);
    yield* getCurrent().parent!.switch();
    lst.push(3);
  });
  lst.push(0);
  g.switch();
  lst.push(2);
  g.switch();
  lst.push(4);
  return lst;
}
