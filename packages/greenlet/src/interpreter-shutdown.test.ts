// A port of greenlet 3.x's src/greenlet/tests/test_interpreter_shutdown.py, groups A (no crash
// with greenlets suspended when the process ends) and C (greenlet calls in an exit handler: a
// process 'exit' listener stands for atexit). Each runs test/shutdown-child.ts in its own Node
// process. Group B (killing greenlets when their thread exits) and group D (getcurrent() returning
// None after greenlet's own teardown) have no counterpart: nothing is torn down at exit (README).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('../test/shutdown-child.ts', import.meta.url));

/** The child's stdout; a non-zero exit code rejects, failing the test. */
async function shutdownScript(name: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, name]);
  return stdout;
}

const cases: [name: string, expected: string[]][] = [
  ['test_active_greenlet_at_shutdown_no_crash', ['OK: exiting with active greenlet']],
  ['test_multiple_active_greenlets_at_shutdown', ['OK: 10 active greenlets at shutdown']],
  ['test_nested_greenlets_at_shutdown', ['OK: nested greenlets at shutdown']],
  ['test_many_greenlets_with_cleanup_at_shutdown', ['OK: 50 greenlets about to shut down']],
  ['test_deeply_nested_greenlets_at_shutdown', ['OK: nested to depth 10, got depth-0']],
  ['test_greenlet_with_traceback_at_shutdown', ['OK: greenlet with active exception at shutdown']],
  ['test_getcurrent_during_atexit_no_crash', ['OK: atexit registered', 'OK: getcurrent returned valid greenlet']],
  ['test_gettrace_during_atexit_no_crash', ['OK: registered', 'OK: gettrace returned undefined']],
  ['test_settrace_during_atexit_no_crash', ['OK: registered', 'OK: settrace succeeded']],
  [
    'test_getcurrent_with_active_greenlets_during_atexit',
    ['OK: 5 active greenlets, atexit registered', 'OK: getcurrent returned valid greenlet'],
  ],
  ['test_greenlet_construction_during_atexit_no_crash', ['OK: atexit registered', 'OK: created greenlet successfully, ran at exit']],
  [
    'test_greenlet_construction_with_active_greenlets_during_atexit',
    ['OK: 10 active greenlets, atexit registered', 'OK: created 5 greenlets at exit'],
  ],
];

describe('TestInterpreterShutdown', () => {
  for (const [name, expected] of cases) {
    it(name, async () => {
      const stdout = await shutdownScript(name);
      for (const line of expected) expect(stdout).toContain(line);
      // Nothing kills suspended greenlets at exit (no GreenletExit, no finally blocks).
      expect(stdout).not.toContain('cleanup');
    });
  }
});
