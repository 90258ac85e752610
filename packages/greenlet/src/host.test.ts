import type { Instruction, Resume, Suspend } from '@coro/core';
import { sleep } from '@coro/core';
import { afterEach, describe, expect, it } from 'vitest';
import { enterHostedStep, getCurrent, greenlet, GreenletError, setHost, setTrace, type GreenletHost } from './index.js';

/** A core-style operation: park until something calls resume. */
function* wait<T>(register: (resume: Resume<T>) => void): Generator<Instruction, T, unknown> {
  const suspend: Suspend<T> = { enter: (resume) => register(resume) };
  return (yield suspend) as T;
}

/** The smallest hub: a greenlet that resumes parked greenlets in FIFO order, then goes back to main. */
function miniHub(): { hub: greenlet; host: GreenletHost; ready: Array<[greenlet, unknown]> } {
  const ready: Array<[greenlet, unknown]> = [];
  const hub = new greenlet(function* () {
    for (;;) {
      const next = ready.shift();
      if (next) yield* next[0].switch(next[1]);
      else yield* getCurrent().parent!.switch('idle');
    }
  });
  const host: GreenletHost = {
    park(g, instruction) {
      if (instruction === undefined) ready.push([g, undefined]);
      else (instruction as Suspend).enter({ resolve: (v) => ready.push([g, v]), reject: () => undefined }, undefined!);
      return hub;
    },
  };
  return { hub, host, ready };
}

afterEach(() => {
  setHost(undefined);
  setTrace(undefined);
});

describe('the host hook', () => {
  it('names a core operation as core prints it, as the README quotes (issue 14)', () => {
    const g = new greenlet(function* () {
      yield* sleep(10);
    });
    expect(() => g.switch()).toThrow(new GreenletError('core operation sleep(10) needs a scheduler: run it inside @coro/gevent or @coro/core'));
  });

  it('raises a clear GreenletError in the greenlet when no host is installed', () => {
    const g = new greenlet(function* () {
      yield* wait(() => undefined);
    });
    expect(() => g.switch()).toThrow(new GreenletError('core operation needs a scheduler: run it inside @coro/gevent or @coro/core'));
    const named = new greenlet(function* () {
      yield { name: 'sleep', enter: () => undefined } as Suspend;
    });
    expect(() => named.switch()).toThrow('core operation sleep needs a scheduler');
    const bare = new greenlet(function* () {
      yield;
    });
    expect(() => bare.switch()).toThrow(/a bare `yield` inside a greenlet/);
  });

  it('lets the greenlet catch the missing-host error where it yielded', () => {
    const g = new greenlet(function* () {
      try {
        yield;
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(g.switch().value).toBe('GreenletError');
  });

  it('parks the greenlet, runs the greenlet park returns, and resumes with the resolved value', () => {
    const { hub, host } = miniHub();
    setHost(host);
    const log: unknown[] = [];
    let resumeLater: Resume<number> | undefined;
    const g = new greenlet(function* () {
      log.push('start');
      log.push(yield* wait<number>((resume) => (resumeLater = resume)));
      return 'finished';
    }, hub);
    expect(g.switch().value).toBe('idle'); // g parks, the hub finds nothing ready and returns to main
    expect(log).toEqual(['start']);
    expect(g.active).toBe(true);
    resumeLater!.resolve(42);
    expect(hub.switch().value).toBe('idle'); // the hub resumes g, g finishes into the hub, the hub goes idle
    expect(log).toEqual(['start', 42]);
    expect(g.dead).toBe(true);
  });

  it('serves a bare yield as "let the others run"', () => {
    const { hub, host, ready } = miniHub();
    setHost(host);
    const order: string[] = [];
    const a = new greenlet(function* () {
      order.push('a1');
      yield;
      order.push('a2');
    }, hub);
    const b = new greenlet(function* () {
      order.push('b1');
      yield;
      order.push('b2');
    }, hub);
    ready.push([a, undefined], [b, undefined]);
    expect(hub.switch().value).toBe('idle');
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('traces the hand-over to the hub as a switch from the parked greenlet', () => {
    const { hub, host } = miniHub();
    setHost(host);
    const g = new greenlet(function* () {
      yield;
    }, hub);
    const events: string[] = [];
    setTrace((event, [origin, target]) => events.push(`${event} ${origin === g ? 'g' : origin === hub ? 'hub' : 'main'}->${target === g ? 'g' : target === hub ? 'hub' : 'main'}`));
    g.switch();
    expect(events).toEqual(['switch main->g', 'switch g->hub', 'switch hub->g', 'switch g->hub', 'switch hub->main']);
  });

  it('raises an error thrown by park in the parked greenlet', () => {
    setHost({
      park() {
        throw new RangeError('no room');
      },
    });
    const g = new greenlet(function* () {
      yield;
    });
    expect(() => g.switch()).toThrow(new RangeError('no room'));
  });

  it('rejects a host without park', () => {
    expect(() => setHost({} as GreenletHost)).toThrow(TypeError);
    expect(setHost(undefined)).toBeUndefined();
  });
});

describe('enterHostedStep (for a host that steps greenlet generators itself)', () => {
  it('makes getCurrent() the stepped greenlet until the host restores the previous one', () => {
    const main = getCurrent();
    const g = new greenlet(function* () {});
    const previous = enterHostedStep(g);
    const during = getCurrent();
    enterHostedStep(previous);
    expect([previous, during, getCurrent()]).toEqual([main, g, main]);
  });

  it('refuses a synchronous switch during such a step, pointing at yield*', () => {
    const g = new greenlet(function* () {});
    const other = new greenlet(() => 1);
    const previous = enterHostedStep(g);
    try {
      expect(() => other.switch()).toThrow(/only possible from the main greenlet.*write `yield\* g\.switch\(\.\.\.\)`/);
    } finally {
      enterHostedStep(previous);
    }
  });
});
