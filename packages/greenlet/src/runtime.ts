import type { greenlet } from './greenlet.js';
import type { GreenletHost } from './host.js';
import type { TraceFunction } from './trace.js';

/**
 * The per-realm state of the greenlet tree: one main greenlet, the running one, and the hooks.
 * One object (not module `let`s) so that every file of the package reads and writes the same
 * fields; `main` and `current` are filled in when greenlet.ts loads.
 */
export interface Runtime {
  /** The realm's main greenlet: ordinary, non-generator code runs "in" it. */
  main: greenlet;
  /** The greenlet whose code is running now (`main` when no greenlet step is). */
  current: greenlet;
  /** True while the trampoline runs: a synchronous switch is impossible then (spec §3.6). */
  driving: boolean;
  tracer: TraceFunction | undefined;
  host: GreenletHost | undefined;
}

export const rt: Runtime = {
  main: undefined!,
  current: undefined!,
  driving: false,
  tracer: undefined,
  host: undefined,
};
