import { describe, expect, it } from 'vitest';
import { captureScript } from './run-demo.js';
import { processesNaming } from './test-processes.js';

describe('captureScript', () => {
  it('kills a script that outlives its time bound together with what it started', async () => {
    const marker = `coro-orphan-check-${process.pid}-${Date.now()}`;
    // The script starts a grandchild that would run for a minute, then hangs.
    const script = `require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '${marker}'], { stdio: 'ignore' }); setInterval(() => {}, 1000); console.log('started');`;
    const output = await captureScript(['-e', script], 1_500);
    expect(output.signal).toBe('SIGKILL');
    expect(output.stdout).toBe('started\n');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the kernel reaps the group
    expect(processesNaming(marker)).toEqual([]);
  });
});
