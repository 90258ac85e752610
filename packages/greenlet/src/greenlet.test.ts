// A port of greenlet's src/greenlet/tests/test_greenlet.py (2.0.2), test by test, under the original
// names. Cases that need threads, frames, reference counts or interpreter internals are listed in
// the README as inapplicable.
import { describe, expect, it } from 'vitest';
import { doSimpleTest, fmain, SomeError } from '../test/ported.js';
import { AttributeError, getCurrent, greenlet, GreenletExit, kw, ValueError, type Switch } from './index.js';


function sendException(g: greenlet, exc: new () => Error): unknown {
  // note: sendException(g, exc) can now be done with g.throw(exc); this checks the propagation rules.
  const g1 = new greenlet(function* crasher(e: new () => Error) {
    throw new e();
  }, g);
  return g1.switch(exc).value;
}

/** Python subclasses may make `run` a property; TypeScript only lets a subclass override it as a method. */
function defineRun(cls: typeof greenlet, get: (this: greenlet) => unknown): void {
  Object.defineProperty(cls.prototype, 'run', { get, configurable: true });
}

describe('TestGreenlet', () => {
  it('test_simple', () => {
    expect(doSimpleTest()).toEqual([0, 1, 2, 3, 4]);
  });

  it('test_switch_no_run_raises_AttributeError', () => {
    const g = new greenlet();
    expect(() => g.switch()).toThrow(AttributeError);
    expect(() => g.switch()).toThrow('run');
    expect(g.started).toBe(false);
  });

  it('test_throw_no_run_raises_AttributeError', () => {
    const g = new greenlet();
    expect(() => g.throw(SomeError)).toThrow(AttributeError);
    expect(() => g.throw(SomeError)).toThrow('run');
  });

  it('test_parent_equals_None', () => {
    const g = new greenlet(undefined, null);
    expect(g).toBeDefined();
    expect(g.parent).toBe(getCurrent());
  });

  it('test_run_equals_None', () => {
    const g = new greenlet(null);
    expect(g).toBeDefined();
    expect(g.run).toBeNull();
    // Calling null raises TypeError inside the greenlet; it dies and the error reaches the parent.
    expect(() => g.switch()).toThrow(TypeError);
    expect(g.dead).toBe(true);
  });

  it('test_two_children', () => {
    const lst: number[] = [];
    function* f() {
      lst.push(1);
      yield* getCurrent().parent!.switch();
      lst.push(1, 1);
    }
    const g = new greenlet(f);
    const h = new greenlet(f);
    g.switch();
    expect(lst).toHaveLength(1);
    h.switch();
    expect(lst).toHaveLength(2);
    h.switch();
    expect(lst).toHaveLength(4);
    expect(h.dead).toBe(true);
    g.switch();
    expect(lst).toHaveLength(6);
    expect(g.dead).toBe(true);
  });

  it('test_two_recursive_children', () => {
    const lst: string[] = [];
    function* f() {
      lst.push('b');
      yield* getCurrent().parent!.switch();
    }
    function* g() {
      lst.push('a');
      const child = new greenlet(f);
      yield* child.switch();
      lst.push('c');
    }
    new greenlet(g).switch();
    expect(lst).toEqual(['a', 'b', 'c']);
  });

  it('test_exception', () => {
    const seen: unknown[] = [];
    const g1 = new greenlet(fmain);
    const g2 = new greenlet(fmain);
    g1.switch(seen);
    g2.switch(seen);
    g2.parent = g1;
    expect(seen).toEqual([]);
    expect(() => g2.switch()).toThrow(SomeError);
    expect(seen).toEqual(['SomeError']);

    let value = g2.switch().value;
    expect(value).toEqual([]);
    expect(seen).toEqual(['SomeError']);

    value = g2.switch(25).value;
    expect(value).toBe(25);
    expect(seen).toEqual(['SomeError']);
  });

  it('test_send_exception', () => {
    class KeyError extends Error {
      override name = 'KeyError';
    }
    const seen: unknown[] = [];
    const g1 = new greenlet(fmain);
    g1.switch(seen);
    expect(() => sendException(g1, KeyError)).toThrow(KeyError);
    expect(seen).toEqual(['KeyError']);
  });

  it('test_switch_kwargs', () => {
    const x = new greenlet(function* run({ a, b }: { a: number; b: number }) {
      expect(a).toBe(4);
      expect(b).toBe(2);
      return 42;
    }).switch(kw({ a: 4, b: 2 })).value;
    expect(x).toBe(42);
  });

  it('test_switch_kwargs_to_parent', () => {
    const g = new greenlet(function* run(x: number) {
      yield* getCurrent().parent!.switch(kw({ x }));
      yield* getCurrent().parent!.switch(2, kw({ x: 3 }));
      return [x, x ** 2];
    });
    expect(g.switch(3).value).toEqual({ x: 3 });
    expect(g.switch().value).toEqual([[2], { x: 3 }]);
    expect(g.switch().value).toEqual([3, 9]);
  });

  it('test_instance_dict', () => {
    const g = new greenlet(function* f() {
      (getCurrent() as greenlet & { test?: number }).test = 42;
    }) as greenlet & { test?: number };
    expect(Object.keys(g).filter((k) => !k.startsWith('_'))).toEqual([]);
    g.switch();
    expect(g.test).toBe(42);
  });

  it('test_running_greenlet_has_no_run', () => {
    const hasRun: boolean[] = [];
    const g = new greenlet(function* func() {
      try {
        void getCurrent().run;
        hasRun.push(true);
      } catch (e) {
        if (!(e instanceof AttributeError)) throw e;
        hasRun.push(false);
      }
    });
    g.switch();
    expect(hasRun).toEqual([false]);
  });

  it('test_deepcopy', () => {
    // Python: copy.copy/deepcopy raise TypeError. JS: structuredClone refuses the functions and generators inside.
    expect(() => structuredClone(new greenlet(function* () {}))).toThrow(/could not be cloned/);
  });

  it('test_parent_return_failure', () => {
    // No run causes AttributeError on switch
    const g1 = new greenlet();
    // Greenlet that implicitly switches to parent
    const g2 = new greenlet(() => undefined, g1);
    // AttributeError should propagate to us, no fatal errors
    expect(() => g2.switch()).toThrow(AttributeError);
  });

  it('test_throw_exception_not_lost', () => {
    class mygreenlet extends greenlet {}
    defineRun(mygreenlet, () => {
      try {
        throw new Error();
      } catch {
        // an error raised and caught during the lookup must not replace the one being thrown
      }
      return () => undefined;
    });
    const g = new mygreenlet();
    expect(() => g.throw(new SomeError())).toThrow(SomeError);
  });

  it('test_recursive_startup', () => {
    // Python's `run` lookup may itself switch. A JavaScript getter is not a generator frame, so the
    // switch it attempts is refused with GreenletError in the switching greenlet (spec §3.5).
    class convoluted extends greenlet {}
    defineRun(convoluted, function (this: greenlet) {
      this.switch(43);
      return function* () {};
    });
    const g = new convoluted();
    expect(() => g.switch(42)).toThrow(/cannot be called here/);
    expect(g.started).toBe(false);
  });

  it('test_falling_off_end_switches_to_unstarted_parent_works', () => {
    const parentNeverStarted = new greenlet(function* oneArg(x: unknown) {
      return [x, 24];
    });
    const child = new greenlet(() => 42, parentNeverStarted);
    const result = child.switch().value;
    expect(result).toEqual([42, 24]);
  });

  it('test_switch_to_dead_greenlet_with_unstarted_perverse_parent', () => {
    class Parent extends greenlet {}
    defineRun(Parent, () => {
      throw new SomeError();
    });
    const parentNeverStarted = new Parent();
    const seen: number[] = [];
    const child = new greenlet(() => seen.push(42), parentNeverStarted);
    // Because we automatically start the parent when the child is finished
    expect(() => child.switch()).toThrow(SomeError);
    expect(seen).toEqual([42]);
    expect(() => child.switch()).toThrow(SomeError);
    expect(seen).toEqual([42]);
  });

  it('test_switch_to_dead_greenlet_reparent', () => {
    const seen: number[] = [];
    const parentNeverStarted = new greenlet(() => {
      seen.push(24);
    });
    const child = new greenlet(() => {
      seen.push(42);
    });
    child.switch();
    expect(seen).toEqual([42]);
    child.parent = parentNeverStarted;
    // This actually is the same as switching to the parent.
    const result = child.switch().value;
    expect(result).toBeUndefined();
    expect(seen).toEqual([42, 24]);
  });
});

describe('TestGreenletSetParentErrors', () => {
  it('test_cannot_delete_parent', () => {
    // Python raises AttributeError("can't delete attribute"). `parent` is a prototype accessor
    // here, so `delete` has nothing of its own to delete: the parent stays (README: differences).
    const worker = new greenlet(() => undefined);
    expect(worker.parent).toBe(getCurrent());
    delete (worker as { parent?: greenlet }).parent;
    expect(worker.parent).toBe(getCurrent());
  });

  it('test_cannot_delete_parent_of_main', () => {
    const main = getCurrent();
    delete (main as { parent?: greenlet }).parent;
    expect(main.parent).toBeUndefined();
  });

  it('test_main_greenlet_parent_is_none', () => {
    expect(getCurrent().parent).toBeUndefined();
  });

  it('test_set_parent_wrong_types', () => {
    function check(glet: greenlet): void {
      for (const [p, name] of [
        [null, 'null'],
        [undefined, 'undefined'],
        [1, 'number'],
        [new SomeError(), 'SomeError'],
        ['42', 'string'],
      ] as const) {
        expect(() => {
          glet.parent = p as unknown as greenlet;
        }).toThrow(new TypeError(`GreenletChecker: Expected any type of greenlet, not ${name}`));
      }
    }
    const g = new greenlet(function* bg() {
      // Go back to main.
      yield* getCurrent().parent!.switch();
    });
    expect(g.active).toBe(false);
    check(g);
    g.switch();
    expect(g.active).toBe(true);
    check(g);
    g.switch();
  });

  it('test_trivial_cycle', () => {
    const glet = new greenlet(() => undefined);
    expect(() => {
      glet.parent = glet;
    }).toThrow(new ValueError('cyclic parent chain'));
  });

  it('test_trivial_cycle_main', () => {
    expect(() => {
      getCurrent().parent = getCurrent();
    }).toThrow(new AttributeError('cannot set the parent of a main greenlet'));
  });

  it('test_deeper_cycle', () => {
    const g1 = new greenlet(() => undefined);
    const g2 = new greenlet(() => undefined);
    const g3 = new greenlet(() => undefined);
    g1.parent = g2;
    g2.parent = g3;
    expect(() => {
      g3.parent = g1;
    }).toThrow(new ValueError('cyclic parent chain'));
  });
});

describe('TestRepr', () => {
  it('test_main_while_running', () => {
    expect(String(getCurrent())).toMatch(/ current active started main>$/);
  });

  it('test_main_in_background', () => {
    const main = getCurrent();
    const g = new greenlet(() => String(main));
    expect(g.switch().value).toMatch(/ suspended active started main>$/);
  });

  it('test_initial', () => {
    expect(String(new greenlet())).toMatch(/ pending>$/);
  });

  it('test_dead', () => {
    const g = new greenlet(() => undefined);
    g.switch();
    const r = String(g);
    expect(r).toMatch(/ dead>$/);
    expect(r).not.toContain('suspended');
    expect(r).not.toContain('started');
    expect(r).not.toContain('active');
  });

  it('test_formatting_produces_native_str', () => {
    const gDead = new greenlet(() => undefined);
    gDead.switch();
    for (const g of [gDead, new greenlet(() => undefined), getCurrent()]) {
      expect(typeof `${String(g)}`).toBe('string');
      expect(typeof String(g)).toBe('string');
    }
  });
});

describe('TestMainGreenlet', () => {
  it('test_main_greenlet_type_can_be_subclassed', () => {
    const mainType = getCurrent().constructor as typeof greenlet;
    expect(String(getCurrent())).toContain('main');
    class subclass extends mainType {}
    expect(new subclass()).toBeInstanceOf(greenlet);
  });

  it('test_main_greenlet_is_greenlet', () => {
    expect(getCurrent()).toBeInstanceOf(greenlet);
  });

  it('test_greenlet_run', () => {
    // (greenlet 3.x) run is gone inside the running greenlet and after it finished.
    const g: greenlet = new greenlet(() => {
      expect(() => g.run).toThrow(AttributeError);
    });
    g.switch();
    expect(() => g.run).toThrow(AttributeError);
  });
});

describe('the docs example: switching to a dead greenlet goes to its parent', () => {
  it('gives () the second time a finished child is switched to', () => {
    const child = new greenlet(() => 'done');
    expect(child.switch().value).toBe('done');
    const again: Switch<unknown> = child.switch();
    expect(again.value).toEqual([]);
    expect(Object.isFrozen(again.value)).toBe(true);
  });

  it('delivers a GreenletExit escaping run to the parent as a value', () => {
    const g = new greenlet(function* () {
      throw new GreenletExit('bye');
    });
    const result = g.switch().value;
    expect(result).toBeInstanceOf(GreenletExit);
    expect((result as Error).message).toBe('bye');
  });
});
