// Scenarios for gc.test.ts that need a real garbage collection: run as
// `node --expose-gc --import tsx test/gc-child.ts <scenario>`; prints one JSON line of results.
// (Imports the modules, not src/index.ts, whose version constant only exists in builds and tests.)
import { kw } from '../src/arguments.js';
import { GreenletExit } from '../src/errors.js';
import { getCurrent, greenlet } from '../src/greenlet.js';
import { fmain, SomeError } from './ported.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Collect, then let FinalizationRegistry callbacks (which run as later tasks) happen. */
async function collect(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}


const scenarios: Record<string, () => Promise<unknown>> = {
  async test_dead_circular_ref() {
    const o = new WeakRef(new greenlet(getCurrent).switch().value as greenlet);
    await collect();
    return o.deref() === undefined;
  },

  async test_circular_greenlet() {
    class circular_greenlet extends greenlet {
      self: unknown;
    }
    const o = (() => {
      const g = new circular_greenlet();
      g.self = g;
      return new WeakRef(g);
    })();
    await collect();
    return o.deref() === undefined;
  },

  async test_inactive_ref() {
    class inactive_greenlet extends greenlet {
      override *run(): Generator<unknown, void, unknown> {}
    }
    const o = new WeakRef(new inactive_greenlet());
    await collect();
    return o.deref() === undefined;
  },

  async test_finalizer_crash() {
    const log: string[] = [];
    (() => {
      const array: unknown[] = [];
      const parent = getCurrent();
      const g = new greenlet(function* greenletBody() {
        try {
          yield* parent.switch();
        } catch (e) {
          if (e instanceof GreenletExit) log.push('Got greenlet exit!');
        } finally {
          log.push('finally');
        }
      }) as greenlet & { array?: unknown[] };
      g.array = array;
      array.push(g);
      g.switch();
    })();
    await collect();
    return log;
  },

  async test_dealloc() {
    const seen: unknown[] = [];
    const steps: unknown[][] = [];
    let g1: greenlet | undefined = new greenlet(fmain);
    let g2: greenlet | undefined = new greenlet(fmain);
    g1.switch(seen);
    g2.switch(seen);
    steps.push([...seen]);
    g1 = undefined;
    await collect();
    steps.push([...seen]);
    g2 = undefined;
    await collect();
    steps.push([...seen]);
    return steps;
  },

  async test_dealloc_catches_GreenletExit_throws_other() {
    (() => {
      const g = new greenlet(function* run() {
        try {
          yield* getCurrent().parent!.switch();
        } catch (e) {
          if (e instanceof GreenletExit) throw new SomeError('raised while dying');
        }
      });
      g.switch();
    })();
    await collect();
    return 'done';
  },

  async pending_and_dead_run_nothing() {
    const log: string[] = [];
    (() => {
      new greenlet(function* () {
        try {
          log.push('pending ran');
        } finally {
          log.push('pending finally');
        }
      });
      const dead = new greenlet(function* () {
        log.push('dead ran');
      });
      dead.switch();
    })();
    await collect();
    return log;
  },

  // test_weakref.py
  async test_dead_weakref() {
    const deadGreenlet = (): greenlet => {
      const g = new greenlet(() => undefined);
      g.switch();
      return g;
    };
    const o = new WeakRef(deadGreenlet());
    await collect();
    return o.deref() === undefined;
  },

  async test_inactive_weakref() {
    const o = new WeakRef(new greenlet());
    await collect();
    return o.deref() === undefined;
  },

  async test_dealloc_weakref() {
    // Python kills the suspended worker the moment its last reference goes; here the kill comes
    // from the FinalizationRegistry once the handle is collected, and the finally block finds
    // the pending child g2 already gone.
    const seen: unknown[] = [];
    let g: greenlet | WeakRef<greenlet>;
    (() => {
      const worker = new greenlet(function* worker() {
        try {
          yield* getCurrent().parent!.switch();
        } finally {
          seen.push((g as WeakRef<greenlet>).deref());
        }
      });
      g = worker;
      worker.switch();
      let g2: greenlet | undefined = new greenlet(() => undefined, worker);
      g = new WeakRef(g2);
      g2 = undefined;
    })();
    await collect();
    return seen.map((x) => (x === undefined ? 'undefined' : (x as greenlet).toString()));
  },

  // test_leaks.py: Python counts references; here a value handed through a switch must not be
  // kept by the machinery once the switch is over.
  async test_arg_refs() {
    const refs: WeakRef<object>[] = [];
    const g = new greenlet(function* (...args: unknown[]) {
      return yield* getCurrent().parent!.switch(...args);
    });
    (() => {
      for (let i = 0; i < 100; i++) {
        const args = [{ a: i }, { b: i }, { c: i }];
        for (const a of args) refs.push(new WeakRef(a));
        g.switch(...args);
      }
    })();
    await collect();
    return [g.dead, refs.flatMap((r, i) => (r.deref() === undefined ? [] : [i]))];
  },

  async test_kwarg_refs() {
    const refs: WeakRef<object>[] = [];
    const g = new greenlet(function* (...args: unknown[]) {
      return yield* getCurrent().parent!.switch(...args);
    });
    (() => {
      for (let i = 0; i < 100; i++) {
        const kwargs = { k: { i } };
        refs.push(new WeakRef(kwargs), new WeakRef(kwargs.k));
        g.switch(kw(kwargs));
      }
    })();
    await collect();
    return [g.dead, refs.flatMap((r, i) => (r.deref() === undefined ? [] : [i]))];
  },

  // test_cpp.py (greenlet 3.x)
  async test_leak_test_exception_switch_and_do_in_g2() {
    const refs: WeakRef<greenlet>[] = [];
    let raised = 0;
    (() => {
      for (let i = 0; i < 1000; i++) {
        const g2 = new greenlet(function* raiser() {
          throw new RangeError('boom');
        });
        refs.push(new WeakRef(g2));
        try {
          g2.switch();
        } catch (e) {
          if (e instanceof RangeError) raised++;
        }
      }
    })();
    await collect();
    return { raised, leaked: refs.filter((r) => r.deref() !== undefined).length };
  },

  // test_extension_interface.py (greenlet 3.x): what a switch returned is referenced by the caller only.
  async test_leaks() {
    const alive: Record<string, number> = {};
    const callers: Record<string, () => unknown> = {
      test_switch: () => new greenlet(() => ({})).switch().value,
      test_switch_kwargs: () => new greenlet(() => ({})).switch(kw({})).value,
      test_new_greenlet: () => new greenlet(() => ({})).switch().value,
    };
    for (const [name, caller] of Object.entries(callers)) {
      const refs = (() => Array.from({ length: 100 }, () => new WeakRef(caller() as object)))();
      await collect();
      alive[name] = refs.filter((r) => r.deref() !== undefined).length;
    }
    return alive;
  },
};

const name = process.argv[2]!;
const scenario = scenarios[name];
if (!scenario) throw new Error(`unknown scenario ${name}`);
console.log(JSON.stringify(await scenario()));
