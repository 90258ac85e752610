// gevent 22.10 src/gevent/tests/test__joinall.py, every test.
import { describe, expect, it } from 'vitest';
import { joinAll, spawn } from '../../src/index.js';
import { useFreshHub } from './support.js';

describe('test__joinall', () => {
  useFreshHub();

  describe('Test', () => {
    it('test', async () => {
      const func = (): void => {};
      const a = spawn(func);
      const b = spawn(func);
      // A greenlet listed twice is waited for (and reported) twice.
      const done = await joinAll([a, b, a]);
      // In completion order, as gevent 22.10 prints: a, a, b.
      expect(done.map((g) => (g === a ? 'a' : 'b'))).toEqual(['a', 'a', 'b']);
      expect(a.dead && b.dead).toBe(true);
    });
  });
});
