import { beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../hub/sleep.js';
import { freshHub } from '../test-support.js';
import type { Greenlet } from './greenlet.js';
import { spawn } from './spawn.js';

// gevent runs a greenlet's links in the order they were added, each to completion (or to its
// first block) before the next: link() switches into its new greenlet from the notification.
// Expected: what /work/h3/py/links.py prints under Python's gevent 22.10.
describe('links run in order, each to completion before the next', () => {
  beforeEach(() => {
    freshHub();
  });

  it('a link that unlinks a later one stops it; rawlink callbacks and link greenlets interleave in order', async () => {
    const out: string[] = [];
    const g = spawn(() => 1);
    const later = (): void => void out.push('later');
    g.link((s: Greenlet<number>) => {
      out.push('first');
      s.unlink(later);
    });
    g.link(later);
    g.rawlink(() => void out.push('raw1'));
    g.link(function* () {
      out.push('blk start');
      yield* sleep(0);
      out.push('blk end');
    });
    g.rawlink(() => void out.push('raw2'));
    g.link(() => void out.push('link3'));
    await g.join();
    await sleep(10);
    expect(out).toEqual(['first', 'raw1', 'blk start', 'raw2', 'link3', 'blk end']);
  });

  it('a failing rawlink or link() callback is reported with gevent\'s context (callback, greenlet), and the rest still run', async () => {
    const { hub, reports } = freshHub();
    const contexts: unknown[] = [];
    const print = hub.handleError.bind(hub);
    hub.handleError = (context, error) => {
      contexts.push(context);
      print(context, error);
    };
    const out: string[] = [];
    function bad(): void {
      out.push('bad');
      throw new RangeError('inlink');
    }
    const g = spawn(function work() {
      return 1;
    });
    g.rawlink(bad);
    g.link(bad);
    g.linkValue(bad);
    g.rawlink(() => void out.push('after'));
    await g.join();
    await sleep(10);
    // Python: three (link, greenlet) tuples, then 'after'.
    expect(out).toEqual(['bad', 'bad', 'bad', 'after']);
    expect(contexts).toEqual([
      [bad, g],
      [bad, g],
      [bad, g],
    ]);
    // Links run once the greenlet is dead: gevent then prints its class's `_run` (this port: `run`), as Python 22.10 does.
    expect(reports[0]).toMatch(new RegExp(`Z \\(<function bad>, <Greenlet at 0x${g.id.toString(16)}: run>\\) failed with RangeError\n\n$`));
  });

  it('main joining a greenlet runs when its join link is reached: links after it wait until main blocks again', async () => {
    // gevent's join is a link that switches into main from the notification pass; the pass goes on
    // when main blocks again. Python: after join ['l1', 'l2']; after main's sleep(0) also 'l3'.
    const out: string[] = [];
    const g = spawn(() => 1);
    g.rawlink((source: Greenlet<number>) => {
      out.push('l1');
      source.rawlink(() => void out.push('l3'));
    });
    g.rawlink(() => void out.push('l2'));
    await g.join();
    const afterJoin = [...out];
    await sleep(0);
    expect([afterJoin, out]).toEqual([
      ['l1', 'l2'],
      ['l1', 'l2', 'l3'],
    ]);
  });
});
