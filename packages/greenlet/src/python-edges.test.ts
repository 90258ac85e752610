// Edge cases compared one by one with Debian's python3-greenlet 2.0.2 (Python 3.11): each expected
// value below is what the same scenario printed there (tuples as frozen arrays, None as undefined,
// KeyError/ValueError as RangeError). Where JavaScript forces a difference the test says so and
// the README lists it.
import { describe, expect, it } from 'vitest';
import {
  AttributeError,
  Context,
  ContextVar,
  copyContext,
  getCurrent,
  getTrace,
  greenlet,
  GreenletExit,
  kw,
  setTrace,
  ValueError,
  type TraceFunction,
} from './index.js';

const main = getCurrent();

function* echo(...first: unknown[]): Generator<unknown, never, unknown> {
  let x: unknown = yield* main.switch(first);
  for (;;) x = yield* main.switch(x);
}

class MyExit extends GreenletExit {
  override name = 'MyExit';
}

describe('the main greenlet', () => {
  it('refuses any parent with AttributeError before looking at the value, as greenlet 2.0.2 does', () => {
    for (const p of [5, null, 's', main, new greenlet()]) {
      expect(() => {
        main.parent = p as greenlet;
      }).toThrow(new AttributeError('cannot set the parent of a main greenlet'));
    }
  });

  it('has no run attribute to read or write', () => {
    expect(() => main.run).toThrow(new AttributeError('Main greenlets do not have a run attribute.'));
    expect(() => {
      main.run = () => 0;
    }).toThrow(new AttributeError('Main greenlets do not have a run attribute.'));
  });

  it('is active, not dead, has no parent; a self-switch packs its arguments', () => {
    expect([main.active, main.dead, main.parent]).toEqual([true, false, undefined]);
    expect(main.switch().value).toEqual([]);
    expect(main.switch(1).value).toBe(1);
    expect(main.switch(1, 2).value).toEqual([1, 2]);
    expect(main.switch(kw({ a: 1 })).value).toEqual({ a: 1 });
    expect(main.switch(1, kw({ a: 1 })).value).toEqual([[1], { a: 1 }]);
    expect(() => main.throw()).toThrow(GreenletExit);
    expect(() => main.throw(RangeError)).toThrow(RangeError);
  });
});

describe('switching and throwing to a dead greenlet goes to its parent', () => {
  const dead = new greenlet(() => 'done');
  dead.switch();

  it('packs the arguments for the parent', () => {
    expect(dead.switch().value).toEqual([]);
    expect(dead.switch(1).value).toBe(1);
    expect(dead.switch(1, 2).value).toEqual([1, 2]);
    expect(dead.switch(kw({ x: 1 })).value).toEqual({ x: 1 });
    expect(dead.switch(1, kw({ x: 1 })).value).toEqual([[1], { x: 1 }]);
  });

  it('returns a GreenletExit (or subclass) thrown at it and raises anything else', () => {
    const exit = dead.throw().value;
    expect(exit).toBeInstanceOf(GreenletExit);
    expect((exit as Error).message).toBe('');
    expect((dead.throw(new GreenletExit('m')).value as Error).message).toBe('m');
    expect(dead.throw(MyExit).value).toBeInstanceOf(MyExit);
    expect(() => dead.throw(RangeError)).toThrow(RangeError);
  });

  it('resumes the greenlet that switched to it, from inside a greenlet', () => {
    const g = new greenlet(function* () {
      return ['f resumed', yield* dead.switch('from f')];
    });
    expect(g.switch().value).toBe('from f');
    expect(g.switch('back').value).toEqual(['f resumed', 'back']);
  });

  it('starts a pending parent with the switch arguments unpacked', () => {
    const startedWith = (...args: unknown[]): unknown => {
      const pp = new greenlet((...a: unknown[]) => a);
      const child = new greenlet(() => 0);
      child.switch();
      child.parent = pp;
      return child.switch(...args).value;
    };
    expect(startedWith()).toEqual([]);
    expect(startedWith(1)).toEqual([1]);
    expect(startedWith(1, kw({ k: 2 }))).toEqual([1, { k: 2 }]);
  });
});

describe('throw into a pending greenlet', () => {
  it('kills it without running it and raises the error in the parent', () => {
    const log: string[] = [];
    const u = new greenlet(() => log.push('ran'));
    expect(() => u.throw(RangeError, 'v')).toThrow(new RangeError('v'));
    expect([u.dead, u.active, log]).toEqual([true, false, []]);
  });

  it('returns a GreenletExit to the parent', () => {
    const u = new greenlet(() => 'ran');
    expect(u.throw().value).toBeInstanceOf(GreenletExit);
    expect(u.dead).toBe(true);
  });

  it('refuses an instance with a separate message before anything happens', () => {
    const u = new greenlet(() => 0);
    expect(() => u.throw(new RangeError('a'), 'v')).toThrow(new TypeError('instance exception may not have a separate value'));
    expect(u.started).toBe(false);
  });

  it('raises a non-exit error through a pending parent, which dies without running', () => {
    const pp = new greenlet(() => 'pp ran');
    const cc = new greenlet(() => 0, pp);
    expect(() => cc.throw(RangeError)).toThrow(RangeError);
    expect([pp.dead, cc.dead]).toEqual([true, true]);
  });

  it('starts a pending parent with the GreenletExit as its one argument (2.0.2 reads it as an empty tuple: README)', () => {
    const pp = new greenlet((...a: unknown[]) => ['pp ran', a]);
    const cc = new greenlet(() => 0, pp);
    const [word, args] = cc.throw().value as [string, unknown[]];
    expect(word).toBe('pp ran');
    expect(args).toHaveLength(1);
    expect(args[0]).toBeInstanceOf(GreenletExit);
  });
});

describe('GreenletExit', () => {
  it('comes back as a value when caught and returned, raised, thrown, or subclassed', () => {
    let g = new greenlet(function* () {
      try {
        yield* main.switch('ready');
      } catch (e) {
        if (e instanceof GreenletExit) return ['caught', e.message];
        throw e;
      }
    });
    g.switch();
    expect(g.throw().value).toEqual(['caught', '']);
    expect((new greenlet(() => new GreenletExit('as value')).switch().value as Error).message).toBe('as value');
    const raised = new greenlet(function* () {
      throw new GreenletExit('msg');
    }).switch().value;
    expect((raised as Error).message).toBe('msg');
    g = new greenlet(function* () {
      yield* main.switch();
    });
    g.switch();
    expect(g.throw(MyExit).value).toBeInstanceOf(MyExit);
    g = new greenlet(function* () {
      yield* main.switch();
    });
    g.switch();
    expect((g.throw(GreenletExit, 'x').value as Error).message).toBe('x');
  });

  it('is replaced by another error raised while handling it', () => {
    const g = new greenlet(function* () {
      try {
        yield* main.switch();
      } catch {
        throw new RangeError('k');
      }
    });
    g.switch();
    expect(() => g.throw()).toThrow(new RangeError('k'));
  });
});

describe('parents', () => {
  it('say which type they refused, or that the chain would be cyclic', () => {
    const g = new greenlet(() => 0);
    const h = new greenlet(() => 0, g);
    expect(() => {
      g.parent = h;
    }).toThrow(new ValueError('cyclic parent chain'));
    expect(() => new greenlet(() => 0, 5 as unknown as greenlet)).toThrow(
      new TypeError('GreenletChecker: Expected any type of greenlet, not number'),
    );
    const dead = new greenlet(() => 0);
    dead.switch();
    dead.parent = main;
    expect(dead.parent).toBe(main);
  });
});

describe('packing', () => {
  it('starts run unpacked and resumes with Python’s packing', () => {
    const g = new greenlet(echo);
    expect(g.switch().value).toEqual([]);
    expect(new greenlet(echo).switch(1, 2, kw({ x: 3 })).value).toEqual([1, 2, { x: 3 }]);
    const one = [1];
    expect(g.switch(one).value).toBe(one);
    expect(g.switch().value).toEqual([]);
    expect(g.switch(1, 2).value).toEqual([1, 2]);
    expect(g.switch(1, 2, kw({ x: 1 })).value).toEqual([[1, 2], { x: 1 }]);
    expect(g.switch(kw({})).value).toEqual([]);
    expect(g.switch(undefined).value).toBeUndefined();
  });

  it('delivers a returned value as it is', () => {
    expect(new greenlet(() => [1]).switch().value).toEqual([1]);
    expect(new greenlet(() => []).switch().value).toEqual([]);
    expect(new greenlet(() => undefined).switch().value).toBeUndefined();
  });

  it('delivers an iterator a plain-function run returns as a value (only a generator is run)', () => {
    // Python: greenlet(lambda: iter([1, 2])).switch() returns the list_iterator.
    const values = [1, 2].values();
    expect(new greenlet(() => values).switch().value).toBe(values);
    const entries = new Map([[1, 2]]).entries();
    expect(new greenlet(() => entries).switch().value).toBe(entries);
  });
});

describe('run', () => {
  it('is gone once started, inside and after, and may be replaced while pending', () => {
    const g = new greenlet(function* () {
      const c = getCurrent();
      const out: string[] = [];
      try {
        void c.run;
      } catch (e) {
        out.push(String(e));
      }
      try {
        c.run = () => 0;
      } catch (e) {
        out.push(String(e));
      }
      return out;
    });
    expect(g.switch().value).toEqual(['AttributeError: run', 'AttributeError: run cannot be set after the start of the greenlet']);
    expect(() => g.run).toThrow(new AttributeError('run'));
    const pending = new greenlet(() => 0);
    pending.run = () => 'replaced';
    expect(pending.switch().value).toBe('replaced');
    expect(new greenlet(null).run).toBeNull();
    expect(() => new greenlet(null).switch()).toThrow(TypeError);
  });
});

describe('setTrace', () => {
  it('returns the previous tracer each time, and undefined when there was none', () => {
    const tr: TraceFunction = () => {};
    expect(setTrace(tr)).toBeUndefined();
    expect(setTrace(tr)).toBe(tr);
    expect(getTrace()).toBe(tr);
    expect(setTrace(undefined)).toBe(tr);
    expect(setTrace(undefined)).toBeUndefined();
  });

  it('refuses a non-function at once, where Python accepts it and fails at the next switch (README)', () => {
    expect(() => setTrace(5 as unknown as TraceFunction)).toThrow(TypeError);
    expect(getTrace()).toBeUndefined();
  });

  it('sees a tracer that removes itself while it runs', () => {
    const seen: boolean[] = [];
    const selfRemoving: TraceFunction = () => {
      seen.push(getTrace() === selfRemoving);
      setTrace(undefined);
    };
    setTrace(selfRemoving);
    new greenlet(() => 0).switch();
    expect([seen, getTrace()]).toEqual([[true], undefined]);
  });
});

describe('contexts', () => {
  it('copyContext() first gives a greenlet without a context an empty one, as copy_context() does', () => {
    const g = new greenlet(() => {
      const copy = copyContext();
      const own = getCurrent().grContext;
      return [own instanceof Context, own !== copy];
    });
    expect(g.switch().value).toEqual([true, true]);
    expect(g.grContext).toBeInstanceOf(Context);
  });

  it('ContextVar.get() alone leaves a greenlet without a context', () => {
    const cv = new ContextVar('cv', 'd');
    const g = new greenlet(() => [cv.get(), getCurrent().grContext]);
    expect(g.switch().value).toEqual(['d', undefined]);
    expect(g.grContext).toBeUndefined();
  });

  it('Context.run() in a greenlet without a context leaves it without one', () => {
    const g = new greenlet(() => new Context().run(() => getCurrent().grContext instanceof Context));
    expect(g.switch().value).toBe(true);
    expect(g.grContext).toBeUndefined();
  });
});
