// Helpers shared by the ports of greenlet's test suite (test_greenlet.py defines them at the top).
import { getCurrent } from '../src/greenlet.js';

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
