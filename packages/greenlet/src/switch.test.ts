// Behaviour that exists because JavaScript is not Python: the two faces of switch() (synchronous
// from main, yield* inside), dropped switches, refused nested switches, release, printing.
import { fileURLToPath } from 'node:url';
import coro from '@coro/eslint-plugin';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { EMPTY, getCurrent, greenlet, GreenletError, GreenletExit, isExit, kw, setTrace, type Switch } from './index.js';

const main = getCurrent();

afterEach(() => {
  setTrace(undefined);
});

describe('switch() from main and from inside', () => {
  it('runs synchronously from main until control comes back, and carries the value', () => {
    const log: string[] = [];
    const g = new greenlet(function* (x: number) {
      log.push(`started with ${x}`);
      const y = yield* main.switch(x + 1);
      log.push(`resumed with ${String(y)}`);
      return 'end';
    });
    const first = g.switch(1);
    expect(first.value).toBe(2);
    expect(log).toEqual(['started with 1']);
    expect(g.switch('b').value).toBe('end');
    expect(log).toEqual(['started with 1', 'resumed with b']);
  });

  it('is typed through yield* and .value', () => {
    const g = new greenlet(function* () {
      const n = yield* main.switch<number>();
      expectTypeOf(n).toEqualTypeOf<number>();
      return n;
    });
    const s = g.switch<string>();
    expectTypeOf(s).toEqualTypeOf<Switch<string>>();
    expectTypeOf(s.value).toEqualTypeOf<string>();
    expect(g.switch(7).value).toBe(7);
  });

  it('switches from a helper generator at any depth', () => {
    function* deep(level: number): Generator<unknown, unknown, unknown> {
      if (level === 0) return yield* main.switch('from the bottom');
      return yield* deep(level - 1);
    }
    const g = new greenlet(function* () {
      return yield* deep(50);
    });
    expect(g.switch().value).toBe('from the bottom');
    expect(g.switch('back up').value).toBe('back up');
  });

  it('applies Python’s packing rules when resuming', () => {
    const received: unknown[] = [];
    const g = new greenlet(function* () {
      for (;;) received.push(yield* main.switch());
    });
    g.switch();
    g.switch();
    g.switch('x');
    g.switch(['a', 'tuple']);
    g.switch(1, 2);
    g.switch(kw({ k: 1 }));
    g.switch(1, kw({ k: 1 }));
    g.switch(1, kw({}));
    expect(received).toEqual([[], 'x', ['a', 'tuple'], [1, 2], { k: 1 }, [[1], { k: 1 }], 1]);
    expect(received[0]).toBe(EMPTY);
    expect(Object.isFrozen(received[3])).toBe(true);
  });

  it('starts run with the arguments unpacked, keywords last', () => {
    const g = new greenlet((...args: unknown[]) => args);
    expect(g.switch(1, 2, kw({ k: 3 })).value).toEqual([1, 2, { k: 3 }]);
  });

  it('delivers a returned value as one value, never unpacked', () => {
    expect(new greenlet(() => [1]).switch().value).toEqual([1]);
    expect(new greenlet(() => []).switch().value).toEqual([]);
    expect(new greenlet(() => undefined).switch().value).toBeUndefined();
  });

  it('a self-switch from main returns the packed arguments at once', () => {
    expect(main.switch().value).toEqual([]);
    expect(main.switch(1, 2).value).toEqual([1, 2]);
  });

  it('gives getCurrent() the subclass instance inside a subclass greenlet', () => {
    class Worker extends greenlet {
      override *run(): Generator<unknown, unknown, unknown> {
        return getCurrent();
      }
    }
    const w = new Worker();
    expect(w.switch().value).toBe(w);
  });

  it('takes the default parent from where the greenlet is created, not where it starts', () => {
    let child!: greenlet;
    const creator = new greenlet(function* () {
      child = new greenlet(() => 'child done');
      yield* main.switch();
    });
    creator.switch();
    expect(child.parent).toBe(creator);
    // child finishes into its parent (creator), which is suspended in main.switch(): that returns 'child done'
    // inside creator, which then finishes and returns undefined to main.
    expect(child.switch().value).toBeUndefined();
    expect(creator.dead).toBe(true);
  });
});

describe('mistakes are reported', () => {
  it('reports a switch created and dropped inside a greenlet (the forgotten yield*)', () => {
    const other = new greenlet(function* () {});
    const g = new greenlet(function* () {
      other.switch(); // eslint-disable-line coro/no-dropped-operation
      yield* main.switch('not reached');
    });
    // The next switch g makes finds its switch request still armed: the error is raised in g, there.
    expect(() => g.switch()).toThrow(new GreenletError('g.switch() was created and dropped: inside a greenlet write `yield* g.switch(...)` (a switch does nothing until delegated to)'));
    expect(g.dead).toBe(true);
    expect(other.started).toBe(false);
  });

  it('reports a dropped switch where the greenlet next yields something else', () => {
    const other = new greenlet(function* () {});
    const g = new greenlet(function* () {
      other.switch(); // eslint-disable-line coro/no-dropped-operation
      try {
        yield;
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(g.switch().value).toMatch(/^g\.switch\(\) was created and dropped/);
  });

  it('reports a dropped switch at the end of run too', () => {
    const other = new greenlet(function* () {});
    const g = new greenlet(function* () {
      other.throw(); // eslint-disable-line coro/no-dropped-operation
    });
    expect(() => g.switch()).toThrow(/g\.throw\(\) was created and dropped/);
    expect(g.dead).toBe(true);
    expect(other.started).toBe(false);
  });

  it('refuses a synchronous switch from a plain function run inside the tree (spec §3.6)', () => {
    const other = new greenlet(() => 'other');
    const g = new greenlet(() => other.switch().value);
    expect(() => g.switch()).toThrow(/Reading \.value \(a synchronous switch\) only works from the main greenlet/);
    expect(other.started).toBe(false);
  });

  it('rejects bad parents and bad keyword objects at once', () => {
    expect(() => new greenlet(() => 1, 42 as unknown as greenlet)).toThrow(new TypeError('GreenletChecker: Expected any type of greenlet, not number'));
    expect(() => kw(null as unknown as Record<string, unknown>)).toThrow(TypeError);
  });

  it('raises a TypeError in the greenlet when run is not a function', () => {
    const g = new greenlet(42 as unknown as () => void);
    expect(() => g.switch()).toThrow(new TypeError('greenlet run must be a function, not number'));
  });

  it('raises a TypeError in the greenlet when run is an async generator function, instead of spinning', () => {
    // An async generator's next() returns a promise: nothing a greenlet can be suspended in.
    const g = new greenlet(async function* () {
      yield await Promise.resolve(1);
    });
    expect(() => g.switch()).toThrow(
      new TypeError('greenlet run must be a function or a generator function, not an async generator function: a greenlet cannot await'),
    );
    expect(g.dead).toBe(true);
  });

  it('forbids setting run after the start', () => {
    const g = new greenlet(function* () {
      yield* main.switch();
    });
    g.run = function* () {};
    g.switch();
    expect(() => {
      g.run = () => undefined;
    }).toThrow('run cannot be set after the start of the greenlet');
  });

  it('flags `g.switch();` without yield* at build time (coro/no-dropped-operation)', async () => {
    const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
    const eslint = new ESLint({
      cwd: fixtures,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { project: `${fixtures}tsconfig.json`, tsconfigRootDir: fixtures } },
          plugins: { coro },
          rules: { 'coro/no-dropped-operation': 'error' },
        },
      ],
    });
    const [result] = await eslint.lintFiles([`${fixtures}dropped-switch.ts`]);
    const { readFileSync } = await import('node:fs');
    const expected = readFileSync(`${fixtures}dropped-switch.ts`, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.includes('// expect-error') ? [i + 1] : []));
    expect(result!.messages.map((m) => m.line)).toEqual(expected);
    expect(result!.messages[0]!.message).toContain('Write `yield* g2.switch()`');
  }, 60_000);
});

describe('release', () => {
  it('kills a suspended greenlet with Symbol.dispose from main, running its finally blocks', () => {
    const log: string[] = [];
    {
      using g = new greenlet(function* () {
        try {
          yield* main.switch();
        } finally {
          log.push('finally');
        }
      });
      g.switch();
    }
    expect(log).toEqual(['finally']);
  });

  it('closes a suspended greenlet in place when disposed inside another greenlet, refusing switches', () => {
    const log: string[] = [];
    const victim = new greenlet(function* () {
      try {
        yield* main.switch();
      } finally {
        log.push('victim finally');
        try {
          yield* main.switch('escape attempt');
        } catch (e) {
          log.push((e as Error).message);
        }
      }
    });
    victim.switch();
    const killer = new greenlet(function* () {
      victim[Symbol.dispose]();
      log.push(`killer goes on; victim dead: ${victim.dead}`);
      return 'killer done';
    });
    expect(killer.switch().value).toBe('killer done');
    expect(log).toEqual([
      'victim finally',
      'cannot switch from a greenlet being torn down by [Symbol.dispose]() inside another greenlet',
      'killer goes on; victim dead: true',
    ]);
  });

  it('disposes of pending and dead greenlets without running anything', () => {
    let ran = false;
    const pending = new greenlet(() => {
      ran = true;
    });
    pending[Symbol.dispose]();
    expect([pending.dead, ran]).toEqual([true, false]);
    pending[Symbol.dispose]();
    main[Symbol.dispose]();
    expect(main.active).toBe(true);
  });
});

describe('GreenletExit and isExit', () => {
  it('tells a kill from an ordinary error', () => {
    expect(isExit(new GreenletExit())).toBe(true);
    expect(isExit(new Error())).toBe(false);
    expect(new GreenletExit().name).toBe('GreenletExit');
  });
});

describe('printing', () => {
  it('prints Python’s state words and the run function’s name', async () => {
    const { inspect } = await import('node:util');
    const g = new greenlet(function* test1() {
      yield* main.switch();
    });
    expect(inspect(g)).toBe('<greenlet test1 pending>');
    g.switch();
    expect(inspect(g)).toBe('<greenlet test1 suspended active started>');
    expect(inspect(main)).toBe('<greenlet current active started main>');
    g.switch();
    expect(String(g)).toBe('<greenlet test1 dead>');
  });
});

describe('`yield g.switch()` (without the star)', () => {
  it('makes the same switch, handing the request over directly; the value is untyped', () => {
    const g = new greenlet(function* () {
      const v: unknown = yield main.switch('out');
      const w: unknown = yield main.switch(v);
      return w;
    });
    expect(g.switch().value).toBe('out');
    expect(g.switch('in').value).toBe('in');
    expect(g.switch('last').value).toBe('last');
    expect(g.dead).toBe(true);
  });
});
