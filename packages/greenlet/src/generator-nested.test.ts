// A port of greenlet's src/greenlet/tests/test_generator_nested.py (2.0.2): genlets that iterate
// other genlets, and a `Yield(value, level)` that skips levels of them.
import { describe, expect, it } from 'vitest';
import { genlet, Genlet } from '../test/genlet.js';
import { getCurrent, greenlet } from './index.js';

function* Yield(value: unknown, level = 1): Generator<unknown, void, unknown> {
  let g: greenlet = getCurrent();
  while (level !== 0) {
    if (!(g instanceof genlet)) throw new RangeError('yield outside a genlet');
    if (level > 1) (g.parent as genlet).setChild(g);
    g = g.parent!;
    level -= 1;
  }
  yield* g.switch(value);
}

/** `for ii in other_genlet:` inside a genlet. */
function* each(it: genlet, body: (value: unknown) => Generator<unknown, void, unknown> | void): Generator<unknown, void, unknown> {
  for (;;) {
    const r = yield* it.step();
    if (r.done) return;
    const more = body(r.value);
    if (more) yield* more;
  }
}

function* g1(n: number, seen: number[]): Generator<number, void, unknown> {
  for (let i = 0; i < n; i++) {
    seen.push(i + 1);
    yield i;
  }
}

const g2 = Genlet(function* (n: number, seen: number[]) {
  for (let i = 0; i < n; i++) {
    seen.push(i + 1);
    yield* Yield(i);
  }
});

function* nested(i: number): Generator<unknown, void, unknown> {
  yield* Yield(i);
}

const g3 = Genlet(function* (n: number, seen: number[]) {
  for (let i = 0; i < n; i++) {
    seen.push(i + 1);
    yield* nested(i);
  }
});

const ax: (...args: unknown[]) => genlet = Genlet(function* a(n: number) {
  if (n === 0) return;
  yield* each(ax(n - 1), (ii) => Yield(ii));
  yield* Yield(n);
});

const perms: (...args: unknown[]) => genlet = Genlet(function* (l: number[]) {
  if (l.length > 1) {
    for (const e of l) {
      const x: unknown[] = [];
      yield* each(perms(l.filter((v) => v !== e)), function* (p) {
        x.push(yield* Yield([e, ...(p as number[])]));
      });
      expect(x.length).toBeGreaterThan(0);
    }
  } else {
    yield* Yield(l);
  }
});

const gr1 = Genlet(function* (n: number) {
  for (let ii = 1; ii < n; ii++) {
    yield* Yield(ii);
    yield* Yield(ii * ii, 2);
  }
});

const gr2 = Genlet(function* (n: number, seen: number[]) {
  yield* each(gr1(n), (ii) => {
    seen.push(ii as number);
  });
});

describe('NestedGeneratorTests', () => {
  it('test_layered_genlets', () => {
    const seen: number[] = [];
    for (const ii of gr2(5, seen)) seen.push(ii as number);
    expect(seen).toEqual([1, 1, 2, 4, 3, 9, 4, 16]);
  });

  it('test_permutations', () => {
    const permutations = [...perms([0, 1, 2, 3])];
    expect(permutations).toHaveLength(4 * 3 * 2 * 1);
    expect(permutations).toContainEqual([0, 1, 2, 3]);
    expect(permutations).toContainEqual([3, 2, 1, 0]);
    const res: unknown[] = [];
    const a = perms([0, 1, 2, 3]);
    const b = perms([0, 1, 2]);
    for (;;) {
      const x = a.next();
      const y = b.next();
      if (x.done || y.done) break;
      res.push([x.value, y.value]);
    }
    expect(res).toEqual([
      [[0, 1, 2, 3], [0, 1, 2]],
      [[0, 1, 3, 2], [0, 2, 1]],
      [[0, 2, 1, 3], [1, 0, 2]],
      [[0, 2, 3, 1], [1, 2, 0]],
      [[0, 3, 1, 2], [2, 0, 1]],
      [[0, 3, 2, 1], [2, 1, 0]],
    ]);
  });

  it('test_genlet_simple', () => {
    for (const g of [(n: number, seen: number[]) => g1(n, seen), g2, g3]) {
      const seen: number[] = [];
      for (let k = 0; k < 3; k++) {
        for (const j of g(5, seen)) seen.push(j as number);
      }
      expect(seen).toEqual([1, 0, 2, 1, 3, 2, 4, 3, 5, 4, 1, 0, 2, 1, 3, 2, 4, 3, 5, 4, 1, 0, 2, 1, 3, 2, 4, 3, 5, 4]);
    }
  });

  it('test_genlet_bad', () => {
    const outside = new greenlet(function* () {
      yield* Yield(10);
    });
    expect(() => outside.switch()).toThrow(new RangeError('yield outside a genlet'));
  });

  it('test_nested_genlets', () => {
    const seen: unknown[] = [];
    for (const ii of ax(5)) seen.push(ii);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
