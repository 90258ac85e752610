// Releasing greenlets with Symbol.dispose, compared with what greenlet 2.0.2 does when the last
// reference to a greenlet goes (`del g`): a suspended greenlet gets a GreenletExit with its parent
// set, for the time of the kill, to the greenlet releasing it — so the kill comes back there and
// never resumes the real parent — and a pending one is dropped without anything running.
import { describe, expect, it } from 'vitest';
import { getCurrent, greenlet, setTrace } from './index.js';

const main = getCurrent();

function tracing(names: Map<greenlet, string>, log: unknown[]): void {
  const name = (g: greenlet) => (g === main ? 'main' : names.get(g) ?? '?');
  setTrace((event, [origin, target]) => log.push([event, name(origin), name(target)]));
}

describe('Symbol.dispose from main', () => {
  it('kills a suspended greenlet as del g does: back to main, its suspended parent not resumed', () => {
    const log: unknown[] = [];
    const p = new greenlet(function* () {
      log.push(`p resumed with ${String(yield* main.switch('p paused'))}`);
    });
    p.switch();
    const g = new greenlet(function* () {
      try {
        yield* main.switch('g paused');
      } finally {
        log.push(`g finally; parent is ${getCurrent().parent === main ? 'main' : 'p'}`);
      }
    }, p);
    g.switch();
    tracing(new Map([[p, 'p'], [g, 'g']]), log);
    try {
      g[Symbol.dispose]();
    } finally {
      setTrace(undefined);
    }
    expect(log).toEqual([['throw', 'main', 'g'], 'g finally; parent is main', ['switch', 'g', 'main']]);
    expect([g.dead, p.active, g.parent]).toEqual([true, true, p]);
  });

  it('drops a pending greenlet without running anything, its pending parent included', () => {
    const log: unknown[] = [];
    const pp = new greenlet(() => log.push('pp ran'));
    const c = new greenlet(() => log.push('c ran'), pp);
    tracing(new Map([[pp, 'pp'], [c, 'c']]), log);
    try {
      c[Symbol.dispose]();
    } finally {
      setTrace(undefined);
    }
    expect(log).toEqual([]);
    expect([c.dead, pp.started]).toEqual([true, false]);
  });

  it('raises in the disposer an error the killed greenlet raises instead of exiting', () => {
    // (Python reports it as unraisable: a collection has nobody to raise it to.)
    const p = new greenlet(function* () {
      yield* main.switch();
    });
    p.switch();
    const b = new greenlet(function* () {
      try {
        yield* main.switch();
      } catch {
        throw new RangeError('while dying');
      }
    }, p);
    b.switch();
    expect(() => b[Symbol.dispose]()).toThrow(new RangeError('while dying'));
    expect([b.dead, p.active]).toEqual([true, true]);
  });
});
