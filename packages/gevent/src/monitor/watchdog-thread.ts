import type { MessagePort } from 'node:worker_threads';

/** Slots of the Int32Array both threads share. */
export const SLOT = { switches: 0, active: 1, stop: 2 } as const;

/** What the main thread tells the watchdog thread about one greenlet id. */
export interface NameMessage {
  id: number;
  name: string;
}

/**
 * The watchdog thread's whole program. It is passed to the worker as source text (see
 * watchdog.ts), so it must not use anything from its enclosing module: only its parameters.
 *
 * Every `periodMs` it looks at the switch counter the main thread bumps on every greenlet switch;
 * if the counter did not move and the active greenlet is not the hub (id 0), the main thread is
 * stuck inside one greenlet. It reports with `writeSync(2, …)`: a worker's `console` is relayed
 * through the main thread, which is exactly the thread that is blocked.
 */
export function watchdogMain(
  view: Int32Array,
  periodMs: number,
  names: MessagePort,
  receive: (port: MessagePort) => { message: NameMessage } | undefined,
  write: (text: string) => void,
): void {
  const known = new Map<number, string>();
  let lastSwitches = -1;
  let reportedFor = -1;
  let stuckSince = 0;
  while (Atomics.wait(view, 2, 0, periodMs) === 'timed-out') {
    for (let m = receive(names); m !== undefined; m = receive(names)) known.set(m.message.id, m.message.name);
    const switches = Atomics.load(view, 0);
    const active = Atomics.load(view, 1);
    if (switches !== lastSwitches || active === 0) {
      lastSwitches = switches;
      stuckSince = Date.now();
      reportedFor = -1;
      continue;
    }
    if (reportedFor === switches) continue;
    reportedFor = switches;
    const name = known.get(active) ?? `greenlet #${active}`;
    const since = Date.now() - stuckSince;
    write(`${new Date().toISOString()} : Greenlet ${name} appears to be blocked (no switch for at least ${since} ms; the report with its stack follows once it yields)\n`);
  }
}
