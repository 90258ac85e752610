// Scenarios for interpreter-shutdown.test.ts: `node --import tsx test/shutdown-child.ts <scenario>`.
// Each leaves greenlets suspended when the process ends; the "atexit" ones do greenlet work in a
// process 'exit' listener (Python's atexit handler). The parent test checks the exit code and output.
import { getTrace, setTrace } from '../src/trace.js';
import { getCurrent, greenlet } from '../src/greenlet.js';
import { GreenletExit } from '../src/errors.js';

const parentSwitch = (v?: unknown) => getCurrent().parent!.switch(v);
const atExit = (f: () => void): void => void process.on('exit', f);

function* worker(name?: unknown): Generator<unknown, string, unknown> {
  yield* parentSwitch(name === undefined ? 'from worker' : `hello from ${name as string}`);
  return 'done';
}

function suspendMany(n: number): greenlet[] {
  const all: greenlet[] = [];
  for (let i = 0; i < n; i++) {
    const g = new greenlet(worker);
    g.switch(`g${i}`);
    all.push(g);
  }
  return all;
}

function checkCurrent(): void {
  const g = getCurrent();
  console.log(g instanceof greenlet && g.active ? 'OK: getcurrent returned valid greenlet' : `FAIL: unexpected ${String(g)}`);
}

const scenarios: Record<string, () => void> = {
  test_active_greenlet_at_shutdown_no_crash() {
    const result = new greenlet(worker).switch().value;
    if (result !== 'from worker') throw new Error(String(result));
    console.log('OK: exiting with active greenlet');
  },
  test_multiple_active_greenlets_at_shutdown() {
    console.log(`OK: ${suspendMany(10).length} active greenlets at shutdown`);
  },
  test_nested_greenlets_at_shutdown() {
    const g = new greenlet(function* outer() {
      yield* new greenlet(function* inner() {
        yield* parentSwitch('inner done');
      }).switch();
      yield* parentSwitch('outer done');
    });
    if (g.switch().value !== 'outer done') throw new Error('outer');
    console.log('OK: nested greenlets at shutdown');
  },
  test_many_greenlets_with_cleanup_at_shutdown() {
    const all: greenlet[] = [];
    for (let i = 0; i < 50; i++) {
      const g = new greenlet(function* (idx: number) {
        try {
          yield* parentSwitch(`ready-${idx}`);
        } catch (e) {
          if (e instanceof GreenletExit) console.log('cleanup');
          throw e;
        }
      });
      g.switch(i);
      all.push(g);
    }
    console.log(`OK: ${all.length} greenlets about to shut down`);
  },
  test_deeply_nested_greenlets_at_shutdown() {
    function* level(depth: number, maxDepth: number): Generator<unknown, void, unknown> {
      if (depth < maxDepth) yield* new greenlet(level).switch(depth + 1, maxDepth);
      yield* parentSwitch(`depth-${depth}`);
    }
    console.log(`OK: nested to depth 10, got ${String(new greenlet(level).switch(0, 10).value)}`);
  },
  test_greenlet_with_traceback_at_shutdown() {
    const g = new greenlet(function* () {
      try {
        throw new RangeError('test error');
      } catch {
        yield* parentSwitch('suspended with exc');
      }
      return 'done';
    });
    if (g.switch().value !== 'suspended with exc') throw new Error('suspended');
    console.log('OK: greenlet with active exception at shutdown');
  },
  test_getcurrent_during_atexit_no_crash() {
    atExit(checkCurrent);
    console.log('OK: atexit registered');
  },
  test_gettrace_during_atexit_no_crash() {
    atExit(() => console.log(`OK: gettrace returned ${String(getTrace())}`));
    console.log('OK: registered');
  },
  test_settrace_during_atexit_no_crash() {
    atExit(() => {
      setTrace(() => undefined);
      console.log('OK: settrace succeeded');
    });
    console.log('OK: registered');
  },
  test_getcurrent_with_active_greenlets_during_atexit() {
    const all = suspendMany(5);
    atExit(checkCurrent);
    console.log(`OK: ${all.length} active greenlets, atexit registered`);
  },
  test_greenlet_construction_during_atexit_no_crash() {
    atExit(() => {
      // Construction works, and so does a whole switch.
      const g = new greenlet(() => 'ran at exit');
      console.log(`OK: created greenlet successfully, ${String(g.switch().value)}`);
    });
    console.log('OK: atexit registered');
  },
  test_greenlet_construction_with_active_greenlets_during_atexit() {
    const all = suspendMany(10);
    atExit(() => {
      const created = Array.from({ length: 5 }, () => new greenlet(() => undefined));
      console.log(`OK: created ${created.length} greenlets at exit`);
    });
    console.log(`OK: ${all.length} active greenlets, atexit registered`);
  },
};

const scenario = scenarios[process.argv[2]!];
if (!scenario) throw new Error(`unknown scenario ${process.argv[2]}`);
scenario();
