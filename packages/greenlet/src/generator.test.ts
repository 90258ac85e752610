// A port of greenlet's src/greenlet/tests/test_generator.py (2.0.2): generators built from
// greenlets, with a `Yield` that can be called from any depth of the genlet's call stack.
import { describe, expect, it } from 'vitest';
import { getCurrent, greenlet } from './index.js';

type Body = (...args: any[]) => Generator<unknown, void, unknown>;

/** A greenlet that is also an iterator: each `next()` switches into it until it Yields. */
class genlet extends greenlet implements IterableIterator<unknown> {
  constructor(
    private readonly fn: Body,
    private readonly args: unknown[],
  ) {
    super();
  }

  override *run(): Generator<unknown, void, unknown> {
    yield* this.fn(...this.args);
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown> {
    this.parent = getCurrent();
    const result = this.switch().value;
    return this.active ? { value: result, done: false } : { value: undefined, done: true };
  }
}

function* Yield(value: unknown): Generator<unknown, void, unknown> {
  let g: greenlet | undefined = getCurrent();
  while (!(g instanceof genlet)) {
    if (g === undefined) throw new Error('yield outside a genlet');
    g = g.parent;
  }
  yield* g.parent!.switch(value);
}

function generator(fn: Body): (...args: unknown[]) => genlet {
  return (...args) => new genlet(fn, args);
}

describe('GeneratorTests', () => {
  it('test_generator', () => {
    const seen: number[] = [];
    const g = generator(function* (n: number) {
      for (let i = 0; i < n; i++) {
        seen.push(i);
        yield* Yield(i);
      }
    });
    for (let k = 0; k < 3; k++) {
      for (const j of g(5)) seen.push(j as number);
    }
    expect(seen).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});
