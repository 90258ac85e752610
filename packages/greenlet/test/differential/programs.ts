// Random greenlet programs for differential.test.ts: a few greenlets with random parents, and a
// list of actions (switch, throw, return, raise, re-parent, look at states) that whichever
// greenlet is running performs next. The same JSON drives run.py under Python's greenlet.

export type Action =
  | ['switch', string, number[], Record<string, number> | null]
  | ['throw', string, 'exit' | 'key' | 'exitmsg']
  | ['return', number]
  | ['raise']
  | ['reparent', string, string]
  | ['state']
  | ['spawn']
  | ['bomb']
  | ['retrace']
  | ['cvset', number]
  | ['cvget']
  | ['ctx', string, 'copy' | 'share' | 'none' | 'look'];

export interface Program {
  n: number;
  parents: string[];
  catch_exit: boolean[];
  /** Greenlets made without a run: starting one raises AttributeError('run') in the switcher. */
  no_run: boolean[];
  acts: Action[];
}

/** mulberry32: a small seeded generator, so that a seed always gives the same program. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function program(seed: number): Program {
  const r = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const n = int(2, 6);
  const names = Array.from({ length: n }, (_, i) => `g${i}`);
  const parents = names.map((_, i) => pick(['main', ...names.slice(0, i)]));
  const catchExit = names.map(() => r() < 0.5);
  const noRun = names.map(() => r() < 0.1);
  const acts: Action[] = [];
  for (let count = int(3, 40); count > 0; count--) {
    const k = r();
    // s0, s1…: greenlets spawned while the program runs (default parent: the spawner); an action
    // naming one not spawned yet is skipped.
    const target = r() < 0.15 ? pick(['s0', 's1', 's2']) : pick(['main', ...names]);
    if (k < 0.45) {
      const args = Array.from({ length: pick([0, 0, 1, 1, 2, 3]) }, () => int(0, 9));
      acts.push(['switch', target, args, r() < 0.15 ? { k: int(0, 9) } : null]);
    } else if (k < 0.6) acts.push(['throw', target, pick(['exit', 'key', 'exitmsg'] as const)]);
    else if (k < 0.72) acts.push(['return', int(0, 9)]);
    else if (k < 0.8) acts.push(['raise']);
    else if (k < 0.9) acts.push(['reparent', r() < 0.5 ? target : pick([...names, 'main']), pick(['main', ...names])]);
    else if (k < 0.95) acts.push(['spawn']);
    else if (k < 0.97) acts.push(['bomb']);
    else if (k < 0.98) acts.push(['retrace']);
    else acts.push(['state']);
    // Context variables: set, get, and a greenlet's context copied, shared, cleared or looked at.
    const c = r();
    if (c < 0.1) acts.push(['cvset', int(0, 9)]);
    else if (c < 0.2) acts.push(['cvget']);
    else if (c < 0.25) acts.push(['ctx', target, pick(['copy', 'share', 'none', 'look'] as const)]);
  }
  return { n, parents, catch_exit: catchExit, no_run: noRun, acts };
}
