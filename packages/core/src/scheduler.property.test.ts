import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler, sleep, spawn, VirtualClock, type Task } from './index.js';

// Random programs of spawn / yield / sleep / join / cancel run on the scheduler and on a tiny
// reference interpreter written from the rules below; both must produce the same event log.
//
// Rules: the run queue is FIFO. Spawning queues the child at the tail. A bare yield requeues at
// the tail. A timer or a finished join target queues the waiter at the tail; timers due at the
// same time fire in creation order, and virtual time jumps only when no task is ready. Cancelling
// a task that waits (or has not started, or only yielded) resumes it with return(); a task that
// was already handed a value gets it and the cancel at its next yield. A second cancel is
// ignored. When a task's body ends, its children are cancelled (newest first) and it settles
// once they have all ended; settling resumes its joiners in order, then tells its parent.

type Op = { kind: 'yield' } | { kind: 'sleep'; ms: number } | { kind: 'spawn'; def: number } | { kind: 'join'; h: number } | { kind: 'cancel'; h: number };
type Def = { ops: Op[]; cleanup: number };

// ---- the real thing ------------------------------------------------------------------------
async function onScheduler(defs: Def[]): Promise<{ log: string[]; states: Record<string, string>; now: number }> {
  const clock = new VirtualClock();
  const scheduler = new Scheduler({ clock });
  const log: string[] = [];
  const tasks: Task<unknown>[] = [];
  let count = 0;
  function* body(def: Def, name: string): Generator<unknown, void, any> {
    const handles: Task<unknown>[] = [];
    log.push(`${name} start`);
    try {
      for (const [i, op] of def.ops.entries()) {
        if (op.kind === 'yield') yield;
        else if (op.kind === 'sleep') yield* sleep(op.ms);
        else if (op.kind === 'spawn') handles.push(start(op.def));
        else if (op.kind === 'join') {
          const target = handles[op.h % Math.max(1, handles.length)];
          if (target !== undefined) {
            try {
              yield* target;
              log.push(`${name} join ok`);
            } catch {
              log.push(`${name} join cancelled`);
            }
          }
        } else handles[op.h % Math.max(1, handles.length)]?.cancel();
        log.push(`${name} ${i}`);
      }
    } finally {
      log.push(`${name} finally`);
      if (def.cleanup > 0) {
        yield* sleep(def.cleanup);
        log.push(`${name} cleaned`);
      }
    }
  }
  function start(index: number): Task<unknown> {
    const name = `t${count++}`;
    const task = tasks.length === 0 ? scheduler.spawn(body, defs[index]!, name) : spawn(body, defs[index]!, name);
    tasks.push(task);
    return task;
  }
  start(0);
  await scheduler.run();
  return { log, states: Object.fromEntries(tasks.map((t, i) => [`t${i}`, t.state])), now: clock.now() };
}

// ---- the reference interpreter -------------------------------------------------------------
type Wait = { kind: 'yield' } | { kind: 'sleep' } | { kind: 'join'; target: M } | { kind: 'cleanup' };
type Mode = 'next' | 'throw' | 'return';
interface M {
  name: string;
  def: Def;
  parent: M | undefined;
  children: M[];
  handles: M[];
  joiners: M[];
  state: 'created' | 'ready' | 'suspended' | 'completing' | 'done' | 'cancelled';
  mode: Mode;
  started: boolean;
  pc: number;
  wait: Wait | undefined;
  timer: { deadline: number; seq: number; task: M } | undefined;
  cancelRequested: boolean;
  cancelPending: boolean;
  cancelling: boolean;
  outcome: 'done' | 'cancelled';
}

function reference(defs: Def[]): { log: string[]; states: Record<string, string>; now: number } {
  const log: string[] = [];
  const all: M[] = [];
  const queue: M[] = [];
  let timers: { deadline: number; seq: number; task: M }[] = [];
  let now = 0;
  let seq = 0;

  const make = (index: number, parent: M | undefined): M => {
    const m: M = {
      name: `t${all.length}`, def: defs[index]!, parent, children: [], handles: [], joiners: [], state: 'created', mode: 'next',
      started: false, pc: 0, wait: undefined, timer: undefined, cancelRequested: false, cancelPending: false, cancelling: false, outcome: 'done',
    };
    all.push(m);
    parent?.children.push(m);
    queue.push(m);
    return m;
  };
  const ended = (m: M): boolean => m.state === 'done' || m.state === 'cancelled';
  const resume = (m: M, mode: Mode): void => {
    m.state = 'ready';
    m.mode = mode;
    queue.push(m);
  };

  const cancel = (m: M): void => {
    if (ended(m) || m.state === 'completing' || m.cancelRequested) return;
    m.cancelRequested = true;
    if (m.state === 'created' || (m.state === 'ready' && m.wait?.kind === 'yield' && m.mode === 'next')) m.mode = 'return';
    else if (m.state === 'suspended') {
      if (m.timer) timers = timers.filter((t) => t !== m.timer);
      if (m.wait?.kind === 'join') m.wait.target.joiners = m.wait.target.joiners.filter((j) => j !== m);
      m.timer = undefined;
      resume(m, 'return');
    } else m.cancelPending = true;
  };

  const settle = (m: M, outcome: 'done' | 'cancelled'): void => {
    m.state = outcome;
    for (const j of m.joiners) resume(j, outcome === 'done' ? 'next' : 'throw');
    m.joiners = [];
    const parent = m.parent;
    if (parent) {
      parent.children = parent.children.filter((c) => c !== m);
      if (parent.state === 'completing' && parent.children.length === 0) settle(parent, parent.outcome);
    }
  };
  const bodyEnded = (m: M): void => {
    m.outcome = m.cancelling ? 'cancelled' : 'done';
    if (m.children.length === 0) return settle(m, m.outcome);
    m.state = 'completing';
    for (const c of [...m.children].reverse()) cancel(c);
  };

  // Runs `m` until its next yield point; returns it, or undefined when the body ended.
  const enterFinally = (m: M): Wait | undefined => {
    log.push(`${m.name} finally`);
    if (m.def.cleanup > 0) return { kind: 'cleanup' };
    return undefined;
  };
  const runBody = (m: M): Wait | undefined => {
    for (; m.pc < m.def.ops.length; m.pc++) {
      const op = m.def.ops[m.pc]!;
      if (op.kind === 'yield' || op.kind === 'sleep') return { kind: op.kind };
      if (op.kind === 'spawn') m.handles.push(make(op.def, m));
      else if (op.kind === 'cancel') {
        const t = m.handles[op.h % Math.max(1, m.handles.length)];
        if (t) cancel(t);
      } else {
        const t = m.handles[op.h % Math.max(1, m.handles.length)];
        if (t && !ended(t)) return { kind: 'join', target: t };
        if (t) log.push(`${m.name} join ${t.state === 'done' ? 'ok' : 'cancelled'}`);
      }
      log.push(`${m.name} ${m.pc}`);
    }
    return enterFinally(m);
  };
  const step = (m: M): Wait | undefined => {
    const mode = m.mode;
    m.mode = 'next';
    if (!m.started) {
      m.started = true;
      if (mode === 'return') {
        m.cancelling = true;
        return undefined;
      }
      log.push(`${m.name} start`);
      return runBody(m);
    }
    const wait = m.wait!;
    if (mode === 'return') {
      m.cancelling = true;
      return wait.kind === 'cleanup' ? undefined : enterFinally(m);
    }
    if (wait.kind === 'cleanup') {
      log.push(`${m.name} cleaned`);
      return undefined;
    }
    if (wait.kind === 'join') log.push(`${m.name} join ${mode === 'next' ? 'ok' : 'cancelled'}`);
    log.push(`${m.name} ${m.pc}`);
    m.pc++;
    return runBody(m);
  };

  make(0, undefined);
  for (;;) {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const wait = step(m);
      m.wait = wait;
      if (wait === undefined) {
        bodyEnded(m);
        continue;
      }
      if (m.cancelPending) {
        m.cancelPending = false;
        resume(m, 'return');
      } else if (wait.kind === 'yield') resume(m, 'next');
      else if (wait.kind === 'join') {
        m.state = 'suspended';
        wait.target.joiners.push(m);
      } else {
        const op = m.def.ops[m.pc];
        const ms = wait.kind === 'cleanup' ? m.def.cleanup : (op as { ms: number }).ms;
        m.state = 'suspended';
        m.timer = { deadline: now + ms, seq: seq++, task: m };
        timers.push(m.timer);
      }
    }
    if (timers.length === 0 || all.every(ended)) break;
    timers.sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
    now = Math.max(now, timers[0]!.deadline);
    while (timers.length > 0 && timers[0]!.deadline <= now) {
      const t = timers.shift()!;
      t.task.timer = undefined;
      resume(t.task, 'next');
    }
  }
  return { log, states: Object.fromEntries(all.map((m) => [m.name, m.state])), now };
}

// ---- the property --------------------------------------------------------------------------
const op = (index: number, defs: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.constant<Op>({ kind: 'yield' }),
    fc.record({ kind: fc.constant('sleep' as const), ms: fc.constantFrom(0, 10, 20) }),
    ...(index < defs - 1 ? [fc.record({ kind: fc.constant('spawn' as const), def: fc.integer({ min: index + 1, max: defs - 1 }) })] : []),
    fc.record({ kind: fc.constant('join' as const), h: fc.nat(3) }),
    fc.record({ kind: fc.constant('cancel' as const), h: fc.nat(3) }),
  );
const program: fc.Arbitrary<Def[]> = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({ ops: fc.array(op(i, n), { maxLength: 7 }), cleanup: fc.constantFrom(0, 0, 10) }))));

describe('the scheduler against a reference interpreter', () => {
  it('produces the same event log, final states and virtual time for random programs', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (defs) => {
        const actual = await onScheduler(defs);
        expect(actual).toEqual(reference(defs));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees on a hand-written program with cancel during cleanup', async () => {
    const defs: Def[] = [
      { ops: [{ kind: 'spawn', def: 1 }, { kind: 'yield' }, { kind: 'cancel', h: 0 }, { kind: 'sleep', ms: 0 }, { kind: 'cancel', h: 0 }, { kind: 'join', h: 0 }], cleanup: 0 },
      { ops: [{ kind: 'sleep', ms: 20 }], cleanup: 10 },
    ];
    const actual = await onScheduler(defs);
    expect(actual).toEqual(reference(defs));
    expect(actual.log).toContain('t1 cleaned');
    expect(actual.states).toEqual({ t0: 'done', t1: 'cancelled' });
  });
});
