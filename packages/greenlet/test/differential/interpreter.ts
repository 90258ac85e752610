// Runs a Program (programs.ts) on @coro/greenlet and returns its log: every trace event, every
// value a switch returned, every error caught, every start with its arguments, and the final
// states. run.py writes the same log under Python's greenlet.
import { createHash } from 'node:crypto';
import type { Operation } from '@coro/core';
import { kw } from '../../src/arguments.js';
import { ContextVar, copyContext, type Context } from '../../src/context.js';
import { AttributeError, GreenletExit, ValueError } from '../../src/errors.js';
import { getCurrent, greenlet } from '../../src/greenlet.js';
import { setTrace } from '../../src/trace.js';
import type { Program } from './programs.js';

class KeyError extends Error {
  override name = 'KeyError';
}

/** Python's values as JSON: tuples as arrays, dicts with sorted keys, exceptions by name. */
function norm(v: unknown): unknown {
  if (v instanceof GreenletExit) return ['Exit', v.message];
  if (v instanceof Error) return ['Err', v.name, v.message];
  if (Array.isArray(v)) return v.map(norm);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, norm(x)]));
  }
  return v;
}

function* via<T>(op: Operation<T>): Generator<unknown, T, unknown> {
  return yield* op;
}

/** Every greenlet ever made stays referenced, so that no collection kills one in a later program. */
const keep: unknown[] = [];

export function runProgram(p: Program): unknown[] {
  const log: unknown[] = [];
  const main = getCurrent();
  const gs = new Map<string, greenlet>();
  let next = 0;
  let spawned = 0;
  const cv = new ContextVar<unknown>('cv', 'default');
  // Contexts are named by first sight, so that logs can say which greenlets share one.
  const contexts = new Map<Context, number>();
  const ctxName = (c: Context | undefined) => {
    if (c === undefined) return null;
    if (!contexts.has(c)) contexts.set(c, contexts.size);
    return contexts.get(c)!;
  };
  const name = (g: greenlet) => (g === main ? 'main' : [...gs].find(([, v]) => v === g)![0]);
  const target = (n: string) => (n === 'main' ? main : gs.get(n)!);
  const states = () => [...gs].map(([k, g]) => [k, g.active, g.dead]);

  function make(nm: string, catchExit: boolean, parent?: greenlet, noRun = false): greenlet {
    const run = function* (...args: unknown[]) {
      // The one known difference (README): greenlet 2.0.2 starts a pending parent with no
      // arguments when a GreenletExit reaches it; here the parent gets the exit.
      if (args.length === 1 && args[0] instanceof GreenletExit) args = [];
      log.push(['start', nm, norm(args)]);
      return yield* interp(nm, catchExit);
    };
    const g = noRun ? new greenlet(undefined, parent) : new greenlet(run, parent);
    gs.set(nm, g);
    return g;
  }

  function* interp(me: string, catchExit: boolean): Generator<unknown, unknown, unknown> {
    while (next < p.acts.length) {
      const a = p.acts[next++]!;
      if ((a[0] === 'switch' || a[0] === 'throw' || a[0] === 'reparent') && !(a[1] === 'main' || gs.has(a[1]))) {
        log.push(['missing', me, a[1]]);
      } else if (a[0] === 'spawn') {
        const nm = `s${spawned++}`;
        make(nm, spawned % 2 === 0);
        log.push(['spawned', me, nm, name(gs.get(nm)!.parent!)]);
      } else if (a[0] === 'ctx' && !(a[1] === 'main' || gs.has(a[1]))) {
        log.push(['missing', me, a[1]]);
      } else if (a[0] === 'cvset') {
        cv.set(`${me}:${a[1]}`);
      } else if (a[0] === 'cvget') {
        log.push(['cvget', me, cv.get()]);
      } else if (a[0] === 'ctx') {
        const g = target(a[1]);
        if (a[2] === 'copy') g.grContext = copyContext();
        else if (a[2] === 'share') g.grContext = getCurrent().grContext;
        else if (a[2] === 'none') g.grContext = undefined;
        else log.push(['ctx', me, a[1], ctxName(g.grContext)]);
      } else if (a[0] === 'bomb') {
        bomb = true;
      } else if (a[0] === 'retrace') {
        log.push(['retrace', me, setTrace(tracer) === tracer]);
      } else if (a[0] === 'switch' || a[0] === 'throw') {
        try {
          const op =
            a[0] === 'switch'
              ? target(a[1]).switch(...a[2], ...(a[3] ? [kw(a[3])] : []))
              : target(a[1]).throw(a[2] === 'exit' ? GreenletExit : a[2] === 'key' ? new KeyError('k') : new GreenletExit('m'));
          // Inside a greenlet, the three ways to make a switch take turns: delegated with yield*,
          // handed over with a bare yield (untyped), and from a helper generator one level down.
          const way = next % 3;
          const got = me === 'main' ? op.value : way === 0 ? yield* op : way === 1 ? yield op : yield* via(op);
          log.push(['got', me, norm(got)]);
        } catch (e) {
          if (e instanceof GreenletExit) {
            log.push(['caught-exit', me, e.message]);
            if (!catchExit) throw e;
          } else if (e instanceof KeyError) log.push(['caught', me, e.message]);
          else if (e instanceof TypeError || e instanceof ValueError || e instanceof AttributeError) log.push(['err', me, e.name]);
          else throw e;
        }
      } else if (a[0] === 'return') {
        if (me !== 'main') {
          log.push(['return', me, a[1]]);
          return ['ret', me, a[1]];
        }
      } else if (a[0] === 'raise') {
        if (me !== 'main') {
          log.push(['raise', me]);
          throw new KeyError(`r${me}`);
        }
      } else if (a[0] === 'reparent') {
        try {
          target(a[1]).parent = target(a[2]);
          log.push(['reparent', me, 'ok']);
        } catch (e) {
          log.push(['reparent', me, (e as Error).name]);
        }
      } else log.push(['state', me, states()]);
    }
    return ['end', me];
  }

  for (let i = 0; i < p.n; i++) {
    make(`g${i}`, p.catch_exit[i]!, p.parents[i] === 'main' ? main : gs.get(p.parents[i]!), p.no_run[i]);
  }
  keep.push(gs);
  // After a 'bomb' action the next trace call raises: tracing goes off and the error replaces the transfer.
  let bomb = false;
  const tracer = (event: string, [origin, to]: readonly [greenlet, greenlet]): void => {
    log.push(['trace', event, name(origin), name(to)]);
    if (bomb) {
      bomb = false;
      throw new KeyError('t');
    }
  };
  setTrace(tracer);
  try {
    interp('main', true).next();
  } catch (e) {
    log.push(['main-escaped', norm(e)]);
  } finally {
    setTrace(undefined);
  }
  log.push(['final', states()]);
  return log;
}

/** What differential.test.ts compares: the first 16 hex digits of the SHA-256 of the compact JSON log. */
export function digest(log: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(log)).digest('hex').slice(0, 16);
}
