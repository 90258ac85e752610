import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyboardInterrupt } from '../errors.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { signalHandler, type SignalHandle } from './signal-handler.js';
import { sleep } from './sleep.js';

// Deliveries are simulated with process.emit (a real SIGUSR2 would reach the test runner too).
describe('signalHandler (gevent.signal_handler)', () => {
  let handles: SignalHandle[] = [];
  beforeEach(() => {
    freshHub();
    handles = [];
  });
  afterEach(() => {
    for (const h of handles) h.cancel();
  });

  it('runs the handler with its arguments in a new greenlet on each delivery, until cancelled', async () => {
    const seen: string[] = [];
    const handle = signalHandler(
      'SIGUSR2',
      function* (tag: string) {
        yield* sleep(1); // the handler runs in a greenlet, so it may block
        seen.push(tag);
      },
      'usr2',
    );
    handles.push(handle);
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    await sleep(5);
    expect(seen).toEqual(['usr2', 'usr2']);
    handle.cancel();
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('without a handler, raises KeyboardInterrupt in main at its blocking call', async () => {
    handles.push(signalHandler('SIGUSR2'));
    spawn(function* () {
      yield* sleep(10);
      process.emit('SIGUSR2', 'SIGUSR2');
    });
    await expect(sleep(1000)).rejects.toBeInstanceOf(KeyboardInterrupt);
  });

  it("an error in the handler is reported with no context, so it is raised in main (gevent's handle_error(None, …))", async () => {
    const error = new RangeError('handler failed');
    handles.push(
      signalHandler('SIGUSR2', () => {
        throw error;
      }),
    );
    spawn(function* () {
      yield* sleep(10);
      process.emit('SIGUSR2', 'SIGUSR2');
    });
    await expect(sleep(1000)).rejects.toBe(error);
  });

  it('rejects bad arguments, showing what it got', () => {
    expect(() => signalHandler('INT')).toThrow(new TypeError("signalHandler: signal must be a signal name such as 'SIGINT', got 'INT' (a string)"));
    expect(() => signalHandler('SIGINT', 5 as never)).toThrow(new TypeError('signalHandler: handler must be a function, got 5 (a number)'));
  });
});
