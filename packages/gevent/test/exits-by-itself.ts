// Run with the real clock: the process must exit on its own once its greenlets are done.
import { sleep } from '../src/hub/sleep.js';
import { spawn } from '../src/greenlet/spawn.js';

const worker = spawn(function* () {
  yield* sleep(20);
  return 'worker done';
});
console.log(await Promise.resolve('main awaited'));
console.log(await worker.get());
spawn(function* () {
  yield* sleep(5);
  console.log('spawned without await ran');
});
