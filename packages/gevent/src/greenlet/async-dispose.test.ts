import { beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../hub/sleep.js';
import { freshHub } from '../test-support.js';
import { spawn } from './spawn.js';

describe('Greenlet[Symbol.asyncDispose] (gevent: `with greenlet:` joins on exit)', () => {
  beforeEach(() => {
    freshHub();
  });

  it('await using waits for the greenlet to finish at the end of the block', async () => {
    const out: string[] = [];
    {
      await using g = spawn(function* () {
        yield* sleep(20);
        out.push('greenlet done');
      });
      out.push('block ends');
      expect(g.dead).toBe(false);
    }
    out.push('after block');
    expect(out).toEqual(['block ends', 'greenlet done', 'after block']);
  });
});
