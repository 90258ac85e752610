// A port of greenlet's src/greenlet/tests/test_extension_interface.py (2.0.2). Python drives these
// through a C extension calling greenlet's C API (PyGreenlet_Switch, PyGreenlet_SetParent, …). The
// C API's counterpart here is the public API called from plain, non-generator functions — the
// `capi` object below does what each function of _test_extension.c does, line for line.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getCurrent, greenlet, GreenletError, GreenletExit, kw } from './index.js';

const capi = {
  /** PyGreenlet_Switch(g, NULL, NULL) from outside any greenlet. */
  test_switch(g: greenlet): unknown {
    return g.switch().value;
  },
  /** PyGreenlet_Switch(g, NULL, kwargs). */
  test_switch_kwargs(g: greenlet, kwargs: Record<string, unknown>): unknown {
    return g.switch(kw(kwargs)).value;
  },
  /** PyGreenlet_GetCurrent(): a greenlet, and an active one. */
  test_getcurrent(): void {
    const g = getCurrent();
    if (!(g instanceof greenlet) || !g.active) throw new Error('getcurrent() returned an invalid greenlet');
  },
  /** PyGreenlet_SetParent(g, current), then PyGreenlet_Switch(g). */
  test_setparent(g: greenlet): undefined {
    g.parent = getCurrent();
    g.switch();
    return undefined;
  },
  /** PyGreenlet_New(callable, NULL), then switch to it. */
  test_new_greenlet(callable: () => unknown): unknown {
    return new greenlet(callable).switch().value;
  },
  test_raise_dead_greenlet(): never {
    throw new GreenletExit('test GreenletExit exception.');
  },
  test_raise_greenlet_error(): never {
    throw new GreenletError('test greenlet.error exception');
  },
  /** PyGreenlet_Throw(g, ValueError, "take that sucka!", NULL). */
  test_throw(g: greenlet): undefined {
    g.throw(RangeError, 'take that sucka!');
    return undefined;
  },
};

describe('CAPITests', () => {
  it('test_switch', () => {
    expect(capi.test_switch(new greenlet(() => 50))).toBe(50);
  });

  it('test_switch_kwargs', () => {
    // Keywords reach run as its last argument (README: no keyword parameters in JavaScript).
    const g = new greenlet(function* adder({ x, y }: { x: number; y: number }) {
      return x * y;
    });
    expect(capi.test_switch_kwargs(g, { x: 3, y: 2 })).toBe(6);
  });

  it('test_setparent', () => {
    function* foo(): Generator<unknown, void, unknown> {
      function* bar(): Generator<unknown, void, unknown> {
        yield* getCurrent().parent!.switch();
        // This final switch should go back to the main greenlet, since test_setparent() above
        // re-parented this greenlet.
        yield* getCurrent().parent!.switch();
        throw new Error('Should never have reached this code');
      }
      const child = new greenlet(bar);
      yield* child.switch();
      yield* getCurrent().parent!.switch(child);
      yield* getCurrent().parent!.throw(new Error('Should never reach this code'));
    }
    const fooChild = new greenlet(foo).switch().value as greenlet;
    expect(capi.test_setparent(fooChild)).toBeUndefined();
  });

  it('test_getcurrent', () => {
    capi.test_getcurrent();
    // and from inside a greenlet (a plain-function run: the C function has no generator frame)
    expect(new greenlet(() => (capi.test_getcurrent(), 'ok')).switch().value).toBe('ok');
  });

  it('test_new_greenlet', () => {
    expect(capi.test_new_greenlet(() => -15)).toBe(-15);
  });

  it('test_raise_greenlet_dead', () => {
    expect(() => capi.test_raise_dead_greenlet()).toThrow(GreenletExit);
  });

  it('test_raise_greenlet_error', () => {
    expect(() => capi.test_raise_greenlet_error()).toThrow(GreenletError);
  });

  it('test_throw', () => {
    const seen: unknown[] = [];
    function* foo(): Generator<unknown, void, unknown> {
      try {
        yield* getCurrent().parent!.switch();
      } catch (e) {
        if (e instanceof GreenletExit) throw new Error('AssertionError');
        if (e instanceof RangeError) seen.push(e);
      }
    }
    const g = new greenlet(foo);
    g.switch();
    capi.test_throw(g);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(RangeError);
    expect((seen[0] as Error).message).toBe('take that sucka!');
  });

  it('test_leaks', async () => {
    // (greenlet 3.x) Python checks that the caller holds the only reference to each result; here
    // the results must be collectable once dropped (a child process with --expose-gc).
    const child = fileURLToPath(new URL('../test/gc-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, 'test_leaks']);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ test_switch: 0, test_switch_kwargs: 0, test_new_greenlet: 0 });
  });

  // 3.x's test_switch_kwargs also passes a string where the C function wants a greenlet: that is
  // the extension's own argument check, with no counterpart in a typed helper.
  // test_instance_of_wrong_type and test_not_throwable go through PyGreenlet_Throw to the same
  // checks as greenlet.throw(); their ports are in throw.test.ts. test_non_traceback_param: no
  // traceback objects (README).
});
