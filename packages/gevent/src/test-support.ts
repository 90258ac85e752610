import type { Clock, TimerHandle } from '@coro/core';
import { Hub } from './hub.js';
import { setHub } from './current.js';

/** A virtual clock for the tests: time moves only when the hub jumps it to the next deadline. */
export class TestClock implements Clock {
  private time = 0;
  now(): number {
    return this.time;
  }
  setTimer(ms: number): TimerHandle {
    return { deadline: this.time + ms };
  }
  clearTimer(): void {}
  advanceTo(time: number): void {
    if (time > this.time) this.time = time;
  }
}

/** A fresh hub on a virtual clock, installed as the process hub, with its error reports captured. */
export function freshHub(): { hub: Hub; clock: TestClock; reports: string[] } {
  const clock = new TestClock();
  const hub = new Hub({ clock });
  const reports: string[] = [];
  hub.exceptionStream = { write: (text: string) => reports.push(text) };
  setHub(hub);
  return { hub, clock, reports };
}
