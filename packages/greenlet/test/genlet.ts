// The `genlet` of test_generator.py and test_generator_nested.py: a greenlet that is also an
// iterator, so a generator can be written as a greenlet that switches out each value.
import { getCurrent, greenlet } from '../src/greenlet.js';

export type Body = (...args: any[]) => Generator<unknown, void, unknown>;

export class genlet extends greenlet implements IterableIterator<unknown> {
  child: genlet | undefined = undefined;

  constructor(
    private readonly fn: Body,
    private readonly args: unknown[],
  ) {
    super();
  }

  override *run(): Generator<unknown, void, unknown> {
    yield* this.fn(...this.args);
  }

  setChild(child: genlet): void {
    this.child = child;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Python's __next__, from main: a synchronous switch. */
  next(): IteratorResult<unknown> {
    const result = this.target().switch().value;
    return this.active ? { value: result, done: false } : { value: undefined, done: true };
  }

  /** Python's __next__, from inside another genlet: the same, delegated with yield*. */
  *step(): Generator<unknown, IteratorResult<unknown>, unknown> {
    const result = yield* this.target().switch();
    return this.active ? { value: result, done: false } : { value: undefined, done: true };
  }

  private target(): greenlet {
    if (this.child) {
      let child = this.child;
      while (child.child) {
        const tmp: genlet = child;
        child = child.child;
        tmp.child = undefined;
      }
      return child;
    }
    this.parent = getCurrent();
    return this;
  }
}

/** Python's `generator(func)` / `Genlet(func)`: a factory of genlets running `fn`. */
export function Genlet(fn: Body): (...args: unknown[]) => genlet {
  return (...args) => new genlet(fn, args);
}
