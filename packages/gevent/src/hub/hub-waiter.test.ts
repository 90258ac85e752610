import { beforeEach, describe, expect, it } from 'vitest';
import { freshHub } from '../test-support.js';
import { Waiter } from './hub-waiter.js';

// gevent.hub.Waiter's public state, as Python's gevent 22.10 shows it.
describe('Waiter', () => {
  beforeEach(() => {
    freshHub();
  });

  it('value is undefined (None) until a value is switched in, and after a throw', () => {
    const fresh = new Waiter<number>();
    expect([fresh.ready(), fresh.successful(), fresh.value]).toEqual([false, false, undefined]);
    const switched = new Waiter<number>();
    switched.switch(5);
    expect([String(switched), switched.ready(), switched.successful(), switched.value]).toEqual(['<Waiter greenlet=None value=5>', true, true, 5]);
    const thrown = new Waiter<number>();
    thrown.throw(new RangeError('x'));
    expect([thrown.ready(), thrown.successful(), thrown.value]).toEqual([true, false, undefined]);
  });
});
