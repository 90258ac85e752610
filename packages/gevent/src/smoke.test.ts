import { describe, expect, it } from 'vitest';
import { freshHub } from './test-support.js';
import { spawn, sleep, getCurrent, Timeout, LoopExit } from './index.js';

describe('smoke', () => {
  it('runs greenlets in order and sleeps on the virtual clock', async () => {
    const { clock } = freshHub();
    const log: string[] = [];
    const a = spawn(function* () { for (let i = 0; i < 3; i++) { log.push(`a${i}`); yield* sleep(0); } return 'A'; });
    const b = spawn(function* () { for (let i = 0; i < 3; i++) { log.push(`b${i}`); yield; } yield* sleep(100); return 'B'; });
    expect(await a.get()).toBe('A');
    expect(await b.get()).toBe('B');
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    expect(clock.now()).toBe(100);
    expect(getCurrent().name).toBe('main');
  });
  it('timeout', async () => {
    freshHub();
    const t = Timeout.startNew(10);
    await expect(sleep(100)).rejects.toBe(t);
    await expect(new Promise<void>((r) => r()).then(() => sleep(1))).resolves.toBeUndefined();
  });
  it('loopexit', async () => {
    freshHub();
    const g = spawn(function* () { yield* sleep(5); });
    await g.join();
    const h = spawn(function* () { yield* getCurrentHubSwitch(); });
    await expect(h.join()).rejects.toBeInstanceOf(LoopExit);
  });
});
function* getCurrentHubSwitch(): Generator<object, void, unknown> { yield { enter: () => undefined }; }
