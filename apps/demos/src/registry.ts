/** A runnable listing of the tutorial. */
export interface Demo {
  /** The name `npm run demo -- <name>` takes. */
  name: string;
  /** The one-line heading the tour prints before running it. */
  heading: string;
  /** The file under `src/demos/` that runs it. */
  file: string;
}

/** The demos, in tour order (architecture §5). Each package issue adds its own. */
export const demos: Demo[] = [
  { name: 'generators', heading: '1. generators as coroutines: work1/work2 driven by next()', file: 'generators.ts' },
  { name: 'greenlet', heading: '2. greenlet: test1/test2 handing control with g.switch()', file: 'greenlet.ts' },
  { name: 'gevent-sleep', heading: '3. gevent: spawn + join, time.sleep unpatched then after patchAll()', file: 'gevent-sleep.ts' },
  { name: 'gevent-http', heading: '4. gevent: the HTTP crawler, 1 worker then 10', file: 'gevent-http.ts' },
  { name: 'compare', heading: '5. processes vs threads vs coroutines, measured on this machine', file: 'compare.ts' },
  { name: 'distributed', heading: '6. beyond one machine: the CPU task on two coro-worker processes over Redis', file: 'distributed.ts' },
];

/** Find a demo by name, with an error that lists the known names. */
export function findDemo(name: string): Demo {
  const demo = demos.find((d) => d.name === name);
  if (!demo) {
    const known = demos.map((d) => d.name).join(', ') || '(none yet)';
    throw new RangeError(`unknown demo ${JSON.stringify(name)}; known demos: ${known}`);
  }
  return demo;
}
