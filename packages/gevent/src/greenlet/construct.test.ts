import { beforeEach, describe, expect, it } from 'vitest';
import { freshHub } from '../test-support.js';
import { Greenlet } from './greenlet.js';
import { joinAll } from './join-all.js';

describe('new Greenlet() with no function (gevent: the default _run does nothing)', () => {
  beforeEach(() => {
    freshHub();
  });

  it('joinAll([new Greenlet()], { timeout }) just times out with nothing ready; started, it finishes with undefined', async () => {
    const g = new Greenlet();
    expect(await joinAll([g], { timeout: 10 })).toEqual([]);
    expect([g.dead, g.started, g.ready()]).toEqual([false, false, false]);
    g.start();
    await g.join();
    expect([g.dead, g.value, g.successful()]).toEqual([true, undefined, true]);
  });

  it('a run argument that is not a function is a TypeError showing what it got', () => {
    expect(() => new Greenlet(5 as never)).toThrow(new TypeError('Greenlet: the run argument (or a run() method of a subclass) must be a function, got 5 (a number)'));
    expect(() => new Greenlet('f' as never)).toThrow(new TypeError("Greenlet: the run argument (or a run() method of a subclass) must be a function, got 'f' (a string)"));
  });
});
