// gevent 22.10 src/gevent/tests/test__sleep0.py: a module-level script (no test methods): an
// endless sleep(0) loop must not starve a timer, so a silent 10 ms Timeout ends it.
import { describe, expect, it } from 'vitest';
import { Hub, setHub, sleep, withTimeout } from '../../src/index.js';

describe('test__sleep0', () => {
  it('test__sleep0 (module body)', async () => {
    // The real clock: a virtual one stands still while callbacks keep the hub busy.
    const hub = new Hub();
    setHub(hub);
    const start = hub.clock.now();
    let rounds = 0;
    const result = await withTimeout(
      10,
      function* () {
        for (;;) {
          yield* sleep(0);
          rounds++;
        }
      },
      { timeoutValue: 'stopped' },
    );
    expect(result).toBe('stopped');
    expect(rounds).toBeGreaterThan(0);
    expect(hub.clock.now() - start).toBeGreaterThanOrEqual(9);
  });
});
