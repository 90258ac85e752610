// A port of greenlet's src/greenlet/tests/test_generator.py (2.0.2): generators built from
// greenlets, with a `Yield` that can be called from any depth of the genlet's call stack.
import { describe, expect, it } from 'vitest';
import { genlet, Genlet } from '../test/genlet.js';
import { getCurrent, greenlet } from './index.js';

function* Yield(value: unknown): Generator<unknown, void, unknown> {
  let g: greenlet | undefined = getCurrent();
  while (!(g instanceof genlet)) {
    if (g === undefined) throw new Error('yield outside a genlet');
    g = g.parent;
  }
  yield* g.parent!.switch(value);
}

const generator = Genlet;

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
