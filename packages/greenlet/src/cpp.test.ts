// A port of greenlet's src/greenlet/tests/test_cpp.py (2.0.2, plus the leak case of later
// versions). Python's C++ extension throws and catches C++ exceptions across switches; here the
// frames are generators and the exceptions JavaScript errors, which must likewise stay in the
// greenlet that threw them.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getCurrent, greenlet } from './index.js';

class ExceptionT extends Error {
  constructor(readonly depth: number) {
    super(`exception_t(${depth})`);
  }
}

/** _test_extension_cpp.cpp's test_exception_switch_recurse: recurse, switch to the parent inside try, throw, catch here. */
function* recurse(depth: number, left: number): Generator<unknown, number, unknown> {
  if (left > 0) return yield* recurse(depth, left - 1);
  try {
    yield* getCurrent().parent!.switch();
    throw new ExceptionT(depth);
  } catch (e) {
    if (!(e instanceof ExceptionT)) throw new Error('unexpected exception', { cause: e });
    if (e.depth !== depth) throw new Error('depth mismatch');
    return depth;
  }
}

describe('CPPTests', () => {
  it('test_exception_switch', () => {
    const greenlets: greenlet[] = [];
    for (let i = 0; i < 4; i++) {
      const g = new greenlet((depth: number) => recurse(depth, depth));
      g.switch(i);
      greenlets.push(g);
    }
    greenlets.forEach((g, i) => expect(g.switch().value).toBe(i));
  });

  it('test_leak_test_exception_switch_and_do_in_g2', async () => {
    // 1000 times: a new g2 whose run raises, switched to inside try/catch; the error reaches the
    // caller and no greenlet stays reachable (a child process with --expose-gc counts them).
    const child = fileURLToPath(new URL('../test/gc-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, 'test_leak_test_exception_switch_and_do_in_g2']);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ raised: 1000, leaked: 0 });
  });

  // test_unhandled_exception_aborts, test_unhandled_exception_in_greenlet_aborts (and 3.x's
  // test_unhandled_*_aborts): a C++ exception nobody catches aborts the process. A JavaScript error
  // nobody catches in a greenlet reaches its parent like any other (README).
});
