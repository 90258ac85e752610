// A port of greenlet's src/greenlet/tests/test_throw.py (2.0.2), under the original names.
import { describe, expect, it } from 'vitest';
import { getCurrent, greenlet, GreenletExit, type Switch } from './index.js';

function switchToParent(...args: unknown[]): Switch<unknown> {
  return getCurrent().parent!.switch(...args);
}

describe('ThrowTests', () => {
  it('test_class', () => {
    const g = new greenlet(function* f() {
      try {
        yield* switchToParent('ok');
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        yield* switchToParent('ok');
        return;
      }
      yield* switchToParent('fail');
    });
    expect(g.switch().value).toBe('ok');
    expect(g.throw(RangeError).value).toBe('ok');
  });

  it('test_val', () => {
    function* f() {
      try {
        yield* switchToParent('ok');
      } catch (e) {
        if (e instanceof RangeError && e.message === 'ciao') {
          yield* switchToParent('ok');
          return;
        }
      }
      yield* switchToParent('fail');
    }
    let g = new greenlet(f);
    expect(g.switch().value).toBe('ok');
    expect(g.throw(new RangeError('ciao')).value).toBe('ok');

    g = new greenlet(f);
    expect(g.switch().value).toBe('ok');
    expect(g.throw(RangeError, 'ciao').value).toBe('ok');
  });

  it('test_kill', () => {
    const g = new greenlet(function* f() {
      yield* switchToParent('ok');
      yield* switchToParent('fail');
    });
    expect(g.switch().value).toBe('ok');
    let res = g.throw().value;
    expect(res).toBeInstanceOf(GreenletExit);
    expect(g.dead).toBe(true);
    res = g.throw().value; // immediately eaten by the already-dead greenlet
    expect(res).toBeInstanceOf(GreenletExit);
  });

  it('test_throw_goes_to_original_parent', () => {
    const main = getCurrent();
    function* f1() {
      try {
        yield* main.switch('f1 ready to catch');
      } catch (e) {
        if (e instanceof IndexError) return 'caught';
        throw e;
      }
      return 'normal exit';
    }
    function* f2() {
      yield* main.switch('from f2');
    }
    class IndexError extends Error {}

    let g1 = new greenlet(f1);
    let g2 = new greenlet(f2, g1);
    expect(() => g2.throw(IndexError)).toThrow(IndexError);
    expect(g2.dead).toBe(true);
    expect(g1.dead).toBe(true);

    g1 = new greenlet(f1);
    g2 = new greenlet(f2, g1);
    expect(g1.switch().value).toBe('f1 ready to catch');
    expect(g2.throw(IndexError).value).toBe('caught');
    expect(g2.dead).toBe(true);
    expect(g1.dead).toBe(true);

    g1 = new greenlet(f1);
    g2 = new greenlet(f2, g1);
    expect(g1.switch().value).toBe('f1 ready to catch');
    expect(g2.switch().value).toBe('from f2');
    expect(g2.throw(IndexError).value).toBe('caught');
    expect(g2.dead).toBe(true);
    expect(g1.dead).toBe(true);
  });

  it('test_instance_of_wrong_type', () => {
    expect(() => getCurrent().throw(new Error(), 'a separate value')).toThrow(
      new TypeError('instance exception may not have a separate value'),
    );
  });

  it('test_not_throwable', () => {
    // Python refuses a str. JavaScript can throw any value, so it is raised as it is (README: differences).
    let caught: unknown;
    try {
      getCurrent().throw('abc');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe('abc');
  });
});

describe('throw, beyond the Python suite', () => {
  it('raises a throw at the current greenlet right there, without converting GreenletExit', () => {
    expect(() => getCurrent().throw()).toThrow(GreenletExit);
  });

  it('kills a pending greenlet without running it', () => {
    let ran = false;
    const g = new greenlet(function* () {
      ran = true;
    });
    expect(g.throw().value).toBeInstanceOf(GreenletExit);
    expect(ran).toBe(false);
    expect(g.dead).toBe(true);
    class KeyError extends Error {}
    const h = new greenlet(function* () {
      ran = true;
    });
    expect(() => h.throw(KeyError)).toThrow(KeyError);
    expect(ran).toBe(false);
    expect(h.dead).toBe(true);
  });

  it('raises a non-exit error thrown at a dead greenlet in its parent', () => {
    const g = new greenlet(() => undefined);
    g.switch();
    expect(() => g.throw(SyntaxError, 'late')).toThrow(new SyntaxError('late'));
  });

  it('runs finally blocks of the killed greenlet', () => {
    const log: string[] = [];
    const g = new greenlet(function* () {
      try {
        yield* switchToParent();
      } finally {
        log.push('finally');
      }
    });
    g.switch();
    g.throw();
    expect(log).toEqual(['finally']);
  });

  it('lets a greenlet catch GreenletExit and keep running, even switch away', () => {
    const g = new greenlet(function* () {
      try {
        yield* switchToParent('waiting');
      } catch (e) {
        if (!(e instanceof GreenletExit)) throw e;
        yield* switchToParent('refused to die');
        return 'done';
      }
    });
    expect(g.switch().value).toBe('waiting');
    expect(g.throw().value).toBe('refused to die');
    expect(g.active).toBe(true);
    expect(g.switch().value).toBe('done');
  });

  it('throws from inside a greenlet with yield*', () => {
    const victim = new greenlet(function* () {
      try {
        yield* switchToParent();
      } catch (e) {
        return `victim caught ${(e as Error).message}`;
      }
    });
    victim.switch();
    const killer = new greenlet(function* () {
      return yield* victim.throw(Error, 'boom');
    });
    // victim's parent is main: its return value goes to main, not to killer.
    expect(killer.switch().value).toBe('victim caught boom');
    expect(killer.active).toBe(true);
  });
});
