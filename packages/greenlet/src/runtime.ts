import type { greenlet } from './greenlet.js';
import type { GreenletHost } from './host.js';
import type { TraceFunction } from './trace.js';

/**
 * The per-realm state of the greenlet tree: one main greenlet, the running one, and the hooks.
 * One object (not module `let`s) so that every file of the package reads and writes the same
 * fields; `main` and `current` are filled in when the greenlet class is defined.
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
  /** Never called: it names the greenlet class, so that a bundler keeps the class wherever `rt` is used. */
  readonly owner: () => unknown;
}

// The object itself is declared in greenlet.ts, above the class that fills in `main` and `current`.
export { rt } from './greenlet.js';
