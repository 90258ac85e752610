import { describe, expect, it } from 'vitest';
import { Cancelled, run, runWith, Scheduler, Scope, spawn, spawnWith, suspend, VirtualClock } from './index.js';

const scheduler = (): Scheduler => new Scheduler({ clock: new VirtualClock() });

describe('spawn never guesses', () => {
  it('passes a lone object whose keys look like options to fn, and keeps fn\'s name (issue 11 reproduction)', async () => {
    function* greet(person = { name: 'nobody' }): Generator<unknown, string> {
      yield;
      return person.name;
    }
    const s = scheduler();
    const task = s.spawn(greet, { name: 'Ada' });
    expect(task.name).toBe('greet');
    expect(await task).toBe('Ada');
    expect(await run(greet, { name: 'Ada' })).toBe('Ada');
    const inner = await s.spawn(function* () {
      const child = spawn(greet, { name: 'Ada' });
      return [child.name, yield* child];
    });
    expect(inner).toEqual(['greet', 'Ada']);
    const scope = new Scope({ scheduler: s });
    const member = scope.spawn(greet, { name: 'Ada' });
    expect([member.name, await member]).toEqual(['greet', 'Ada']);
  });

  it('takes options only in spawnWith, the same on Scheduler, spawn, run and Scope', async () => {
    function* named(x: number): Generator<unknown, number> {
      yield;
      return x * 2;
    }
    const s = scheduler();
    const root = s.spawnWith({ name: 'root' }, named, 1);
    expect([root.name, await root]).toEqual(['root', 2]);
    const child = await s.spawn(function* () {
      const t = spawnWith({ name: 'child' }, named, 2);
      return [t.name, t.parent?.name, yield* t];
    });
    expect(child).toEqual(['child', 'anonymous', 4]);
    expect(await runWith({ name: 'ran' }, named, 3)).toBe(6);
    const scope = new Scope({ scheduler: s });
    const member = scope.spawnWith({ name: 'member' }, named, 4);
    expect([member.name, await member]).toEqual(['member', 8]);
  });

  it('cancels with the signal given to spawnWith or runWith', async () => {
    const controller = new AbortController();
    const pending = runWith({ signal: controller.signal }, function* () {
      yield* suspend();
    });
    controller.abort('stop');
    const error = (await pending.catch((e: unknown) => e)) as Cancelled;
    expect(error).toBeInstanceOf(Cancelled);
    expect(error.cause).toBe('stop');
  });

  it('rejects bad options naming the argument and what it got', () => {
    const s = scheduler();
    const body = function* (): Generator<unknown, void> {};
    expect(() => s.spawnWith(body as never, body)).toThrow(
      new TypeError('scheduler.spawnWith: options must be an object like { name, signal }, got function body (the function comes second: scheduler.spawnWith(options, fn, ...args))'),
    );
    expect(() => s.spawnWith({ nmae: 'x' } as never, body)).toThrow(new TypeError("scheduler.spawnWith: unknown option 'nmae' (options are name and signal)"));
    expect(() => spawnWith({ name: 5 } as never, body)).toThrow(new TypeError('spawnWith: options.name must be a string, got 5 (a number)'));
    expect(() => spawnWith({ signal: 'stop' } as never, body)).toThrow(new TypeError("spawnWith: options.signal must be an AbortSignal, got 'stop' (a string)"));
  });
});
