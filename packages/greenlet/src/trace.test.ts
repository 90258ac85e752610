// A port of greenlet's src/greenlet/tests/test_tracing.py (2.0.2), class TestGreenletTracing.
// TestPythonTracing checks sys.setprofile, which has no JavaScript counterpart (README).
import { afterEach, describe, expect, it } from 'vitest';
import { getCurrent, getTrace, greenlet, GreenletExit, setTrace, type TraceEvent, type TraceFunction } from './index.js';

class SomeError extends Error {}

type Action = [TraceEvent, [greenlet, greenlet]];

/** Python's GreenletTracer: records every event; `with` becomes `use(body)`. */
class GreenletTracer {
  readonly actions: Action[] = [];
  constructor(private readonly errorOnTrace = false) {}
  readonly trace: TraceFunction = (event, [origin, target]) => {
    this.actions.push([event, [origin, target]]);
    if (this.errorOnTrace) throw new SomeError();
  };
  use(body: () => void): Action[] {
    const old = setTrace(this.trace);
    try {
      body();
    } finally {
      setTrace(old);
    }
    return this.actions;
  }
}

afterEach(() => {
  setTrace(undefined);
});

describe('TestGreenletTracing', () => {
  it('test_a_greenlet_tracing', () => {
    const main = getCurrent();
    let g1!: greenlet;
    let g2!: greenlet;
    const actions = new GreenletTracer().use(() => {
      g1 = new greenlet(function dummy() {});
      g1.switch();
      g2 = new greenlet(function dummyexc() {
        throw new SomeError();
      });
      expect(() => g2.switch()).toThrow(SomeError);
    });
    expect(actions).toEqual([
      ['switch', [main, g1]],
      ['switch', [g1, main]],
      ['switch', [main, g2]],
      ['throw', [g2, main]],
    ]);
  });

  it('test_b_exception_disables_tracing', () => {
    const main = getCurrent();
    const g = new greenlet(function* dummy() {
      yield* main.switch();
    });
    g.switch();
    const actions = new GreenletTracer(true).use(() => {
      expect(() => g.switch()).toThrow(SomeError);
      expect(getTrace()).toBeUndefined();
    });
    expect(actions).toEqual([['switch', [main, g]]]);
  });

  it('test_set_same_tracer_twice', () => {
    const tracer = new GreenletTracer();
    tracer.use(() => {
      setTrace(tracer.trace);
    });
    expect(getTrace()).toBeUndefined();
  });
});

describe('tracing, beyond the Python suite (each sequence checked against greenlet 2.0.2)', () => {
  const main = getCurrent();

  it('traces a throw at a pending greenlet as throw in, then the exit as a switch out', () => {
    const g3 = new greenlet(() => 1);
    const actions = new GreenletTracer().use(() => {
      expect(g3.throw().value).toBeInstanceOf(GreenletExit);
    });
    expect(actions).toEqual([
      ['throw', [main, g3]],
      ['switch', [g3, main]],
    ]);
  });

  it('traces self-switches and self-throws at main', () => {
    const actions = new GreenletTracer().use(() => {
      expect(main.switch(1).value).toBe(1);
      expect(() => main.throw()).toThrow(GreenletExit);
    });
    expect(actions).toEqual([
      ['switch', [main, main]],
      ['throw', [main, main]],
    ]);
  });

  it('traces nothing when the run lookup fails in the switching greenlet', () => {
    const g6 = new greenlet();
    const actions = new GreenletTracer().use(() => {
      expect(() => g6.switch()).toThrow('run');
    });
    expect(actions).toEqual([]);
  });

  it('traces a self-switch inside a greenlet', () => {
    const g4 = new greenlet(function* f() {
      return yield* getCurrent().switch(5);
    });
    const actions = new GreenletTracer().use(() => {
      expect(g4.switch().value).toBe(5);
    });
    expect(actions).toEqual([
      ['switch', [main, g4]],
      ['switch', [g4, g4]],
      ['switch', [g4, main]],
    ]);
  });

  it('traces a switch to a dead greenlet as a switch from main to main', () => {
    const g5 = new greenlet(() => undefined);
    const actions = new GreenletTracer().use(() => {
      expect(g5.switch().value).toBeUndefined();
      expect(g5.switch().value).toEqual([]);
    });
    expect(actions).toEqual([
      ['switch', [main, g5]],
      ['switch', [g5, main]],
      ['switch', [main, main]],
    ]);
  });

  it('traces a failed start of a pending parent as a throw from the dead child', () => {
    const g7p = new greenlet();
    const g7 = new greenlet(() => 42, g7p);
    const actions = new GreenletTracer().use(() => {
      expect(() => g7.switch()).toThrow('run');
    });
    expect(actions).toEqual([
      ['switch', [main, g7]],
      ['throw', [g7, main]],
    ]);
    expect(g7p.started).toBe(false);
  });

  it('calls the tracer in the context of the target', () => {
    const seen: Array<[greenlet, greenlet]> = [];
    setTrace((_event, [, target]) => seen.push([getCurrent(), target]));
    new greenlet(function* () {}).switch();
    setTrace(undefined);
    expect(seen.every(([current, target]) => current === target)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('raises a tracer error in the target, which may catch it', () => {
    const g8 = new greenlet(function* f8() {
      try {
        yield* main.switch();
      } catch (e) {
        return `caught ${(e as Error).message}`;
      }
    });
    g8.switch();
    const events: TraceEvent[] = [];
    setTrace((event) => {
      events.push(event);
      throw new RangeError('trace');
    });
    expect(g8.switch().value).toBe('caught trace');
    expect(events).toEqual(['switch']);
    expect(getTrace()).toBeUndefined();
  });

  it('rejects a tracer that is not a function', () => {
    expect(() => setTrace(42 as unknown as TraceFunction)).toThrow(TypeError);
  });

  it('refuses a switch made by the tracer itself', () => {
    const g = new greenlet(() => 'ran');
    let refused: unknown;
    setTrace((_event, [, target]) => {
      if (target === main && refused === undefined) {
        try {
          main.switch();
        } catch (e) {
          refused = e;
        }
      }
    });
    expect(g.switch().value).toBe('ran');
    setTrace(undefined);
    expect(String(refused)).toMatch(/GreenletError/);
  });
});
