// A port of greenlet's src/greenlet/tests/test_contextvars.py (2.0.2), class ContextVarsTests.
// test_context_assignment_different_thread needs threads; NoContextVarsTests needs a Python
// without contextvars (README).
import { describe, expect, it } from 'vitest';
import { Context, ContextVar, copyContext, getCurrent, greenlet, type Switch } from './index.js';

const ID_VAR = new ContextVar<number | undefined>('id', undefined);

type Propagation = 'run' | 'set' | 'share' | undefined;

/** Python's _new_ctx_run: run the test body in a copy of the current context. */
function newCtxRun(body: () => void): void {
  const main = getCurrent();
  const saved = main.grContext;
  main.grContext = copyContext();
  try {
    body();
  } finally {
    main.grContext = saved;
  }
}

function* increment(
  greenletId: number,
  callback: () => Switch<unknown>,
  counts: Map<number | undefined, number>,
  expected: number | undefined,
): Generator<unknown, void, unknown> {
  expect(ID_VAR.get()).toBe(expected);
  ID_VAR.set(greenletId);
  for (let i = 0; i < 2; i++) {
    const id = ID_VAR.get();
    counts.set(id, counts.get(id)! + 1);
    yield* callback();
  }
}

function testContext(propagateBy: Propagation): void {
  ID_VAR.set(0);
  const main = getCurrent();
  const callback = (): Switch<unknown> => main.switch();
  const counts = new Map<number | undefined, number>([0, 1, 2, 3, 4].map((i) => [i, 0]));
  const lets = [1, 2, 3, 4].map((i) => {
    const expected = propagateBy === 'share' ? i - 1 : propagateBy === 'set' || propagateBy === 'run' ? 0 : undefined;
    if (propagateBy === 'run') {
      const ctx = copyContext();
      return new greenlet(() => ctx.run(increment, i, callback, counts, expected));
    }
    return new greenlet(() => increment(i, callback, counts, expected));
  });
  for (const let_ of lets) {
    if (propagateBy === 'set') let_.grContext = copyContext();
    else if (propagateBy === 'share') let_.grContext = getCurrent().grContext;
  }
  for (let i = 0; i < 2; i++) {
    const id = ID_VAR.get();
    counts.set(id, counts.get(id)! + 1);
    for (const let_ of lets) let_.switch();
  }
  // Python must leave nested context.run() calls in reverse order; here any order is fine either way.
  for (const let_ of propagateBy === 'run' ? [...lets].reverse() : lets) let_.switch();
  for (const let_ of lets) {
    expect(let_.dead).toBe(true);
    // Leaving run() leaves no context underneath; otherwise grContext still shows the one it ran in.
    if (propagateBy === 'run') expect(let_.grContext).toBeUndefined();
    else expect(let_.grContext).toBeDefined();
  }
  if (propagateBy === 'share') {
    expect(Object.fromEntries(counts)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1, 4: 6 });
  } else {
    expect(new Set(counts.values())).toEqual(new Set([2]));
  }
}

describe('ContextVarsTests', () => {
  it('test_context_propagated_by_context_run', () => {
    newCtxRun(() => testContext('run'));
  });

  it('test_context_propagated_by_setting_attribute', () => {
    newCtxRun(() => testContext('set'));
  });

  it('test_context_not_propagated', () => {
    newCtxRun(() => testContext(undefined));
  });

  it('test_context_shared', () => {
    newCtxRun(() => testContext('share'));
  });

  it('test_break_ctxvars', () => {
    const main = getCurrent();
    const ctx1 = copyContext();
    const ctx2 = copyContext();
    const let1 = new greenlet((fn: () => Switch<unknown>) => ctx1.run(function* () {
      return yield* fn();
    }));
    const let2 = new greenlet((fn: () => Switch<unknown>) => ctx2.run(function* () {
      return yield* fn();
    }));
    let1.switch(() => main.switch());
    let2.switch(() => main.switch());
    // Python 2.0.2 lets let1 leave its context although let2 entered another one since: same here.
    expect(let1.switch().value).toEqual([]);
    expect(let1.dead).toBe(true);
    expect(let2.dead).toBe(false);
  });

  it('test_not_broken_if_using_attribute_instead_of_context_run', () => {
    const main = getCurrent();
    const let1 = new greenlet(function* () {
      yield* main.switch();
    });
    const let2 = new greenlet(function* () {
      yield* main.switch();
    });
    let1.grContext = copyContext();
    let2.grContext = copyContext();
    let1.switch();
    let2.switch();
    let1.switch();
    let2.switch();
    expect(let1.dead && let2.dead).toBe(true);
  });

  it('test_context_assignment_while_running', () => {
    ID_VAR.set(undefined);
    const gr: greenlet = new greenlet(function* target() {
      expect(ID_VAR.get()).toBeUndefined();
      expect(gr.grContext).toBeUndefined();

      // Context is created on first use
      ID_VAR.set(1);
      expect(gr.grContext).toBeInstanceOf(Context);
      expect(ID_VAR.get()).toBe(1);
      expect(gr.grContext!.get(ID_VAR)).toBe(1);

      // Clearing the context makes it get re-created as another empty context when next used
      const oldContext = gr.grContext;
      gr.grContext = undefined; // assign None while running
      expect(ID_VAR.get()).toBeUndefined();
      expect(gr.grContext).toBeUndefined();
      ID_VAR.set(2);
      expect(gr.grContext).toBeInstanceOf(Context);
      expect(ID_VAR.get()).toBe(2);
      expect(gr.grContext!.get(ID_VAR)).toBe(2);

      const newContext = gr.grContext;
      yield* getCurrent().parent!.switch([oldContext, newContext]);
      // parent switches us back to old_context
      expect(ID_VAR.get()).toBe(1);
      gr.grContext = newContext; // assign non-None while running
      expect(ID_VAR.get()).toBe(2);

      yield* getCurrent().parent!.switch();
      // parent switches us back to no context
      expect(ID_VAR.get()).toBeUndefined();
      expect(gr.grContext).toBeUndefined();
      gr.grContext = oldContext;
      expect(ID_VAR.get()).toBe(1);

      yield* getCurrent().parent!.switch();
      // parent switches us back to no context
      expect(ID_VAR.get()).toBeUndefined();
      expect(gr.grContext).toBeUndefined();
    });

    expect(gr.grContext).toBeUndefined();
    const [oldContext, newContext] = gr.switch<[Context, Context]>().value;
    expect(newContext).toBe(gr.grContext);
    expect(oldContext.get(ID_VAR)).toBe(1);
    expect(newContext.get(ID_VAR)).toBe(2);
    expect(newContext.run(() => ID_VAR.get())).toBe(2);
    gr.grContext = oldContext; // assign non-None while suspended
    gr.switch();
    expect(gr.grContext).toBe(newContext);
    gr.grContext = undefined; // assign None while suspended
    gr.switch();
    expect(gr.grContext).toBe(oldContext);
    gr.grContext = undefined;
    gr.switch();
    expect(gr.grContext).toBeUndefined();
    expect(gr.dead).toBe(true);
  });

  it('test_context_assignment_wrong_type', () => {
    const g = new greenlet();
    expect(() => {
      g.grContext = {} as Context;
    }).toThrow(new TypeError('greenlet context must be a Context or undefined, not Object'));
  });
});

describe('ContextVar and Context, beyond the Python suite', () => {
  it('gives a new greenlet an empty context: the default, not the creator’s value', () => {
    const v = new ContextVar('v', 'default');
    v.set('main value');
    const g = new greenlet(() => v.get());
    expect(g.switch().value).toBe('default');
    expect(v.get()).toBe('main value');
  });

  it('copies are independent', () => {
    const v = new ContextVar<number>('v');
    const ctx = new Context();
    ctx.run(() => v.set(1));
    const copy = ctx.copy();
    copy.run(() => v.set(2));
    expect([ctx.get(v), copy.get(v), ctx.has(v), copy.size]).toEqual([1, 2, true, 1]);
    expect(String(v)).toBe('ContextVar(v)');
  });

  it('rejects a ContextVar without a string name', () => {
    expect(() => new ContextVar(42 as unknown as string)).toThrow(TypeError);
  });
});
