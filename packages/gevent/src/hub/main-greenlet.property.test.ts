import { describe, expect, it } from 'vitest';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { sleep } from './sleep.js';

/** A small seeded generator (LCG), so a failing case can be replayed by its seed. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/**
 * gevent's order as a model (checked against Python's gevent 22.10 for rounds [2, 1, 3], main 3): one FIFO of runnable greenlets. Spawned greenlets are queued first,
 * then main (its first sleep(0) is queued when it blocks). Each turn a greenlet records a round
 * and queues itself again; its turn after the last round only ends it. Main records its round
 * when resumed and queues itself again until its rounds are done.
 */
function model(rounds: number[], mainRounds: number): string[] {
  const out: string[] = [];
  const queue: { name: string; turn: number; rounds: number; main: boolean }[] = rounds.map((r, i) => ({ name: `g${i}`, turn: 0, rounds: r, main: false }));
  queue.push({ name: 'main', turn: 0, rounds: mainRounds, main: true });
  while (queue.length > 0) {
    const e = queue.shift()!;
    e.turn++;
    if (e.main) {
      out.push(`main:${e.turn}`);
      if (e.turn < e.rounds) queue.push(e);
    } else if (e.turn <= e.rounds) {
      out.push(`${e.name}:${e.turn}`);
      queue.push(e);
    }
  }
  return out;
}

describe('the main greenlet takes turns exactly as in gevent (seeded property)', () => {
  it('for 60 seeded mixes of greenlets and main rounds, the order is the FIFO model`s', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      freshHub();
      const rnd = random(seed);
      const rounds = Array.from({ length: 1 + rnd(4) }, () => 1 + rnd(4));
      const mainRounds = 1 + rnd(4);
      const out: string[] = [];
      rounds.forEach((r, i) =>
        spawn(function* () {
          for (let turn = 1; turn <= r; turn++) {
            out.push(`g${i}:${turn}`);
            yield* sleep(0);
          }
        }),
      );
      for (let turn = 1; turn <= mainRounds; turn++) {
        await sleep(0);
        out.push(`main:${turn}`);
      }
      await sleep(10);
      expect({ seed, out }).toEqual({ seed, out: model(rounds, mainRounds) });
    }
  });
});
