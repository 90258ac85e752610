import { spawn as spawnProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './index.js';

const script = fileURLToPath(new URL('../test/fixtures/main-program.ts', import.meta.url));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the fixture program; once it prints `ready`, send `signal` (if any); resolve when it exits. */
function runProgram(mode: string, signal?: NodeJS.Signals): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawnProcess(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const wasReady = stdout.includes('ready');
      stdout += chunk;
      if (signal !== undefined && !wasReady && stdout.includes('ready')) child.kill(signal);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('main()', () => {
  it('rejects what is not a generator function, showing what it got', async () => {
    await expect(main('work' as never)).rejects.toThrow(new TypeError("main: fn must be a generator function (function*), got 'work' (a string)"));
  });

  it('exits 0 when the root is done, though a leftover handle would keep Node alive', async () => {
    const { code, stdout, stderr } = await runProgram('done');
    expect(stderr).toBe('');
    // main's own finally runs first; the root then ends only after its child's (waiting) cleanup.
    expect(stdout.trim().split('\n')).toEqual(['ready', 'main finally', 'worker finally']);
    expect(code).toBe(0);
  }, 40_000);

  it('turns SIGINT into cancellation of the root: every finally runs, then exit 130', async () => {
    const { code, stdout, stderr } = await runProgram('wait', 'SIGINT');
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toEqual(['ready', 'main finally', 'worker finally']);
    expect(code).toBe(130);
  }, 40_000);

  it('turns SIGTERM into cancellation of the root: every finally runs, then exit 143', async () => {
    const { code, stdout } = await runProgram('wait', 'SIGTERM');
    expect(stdout.trim().split('\n')).toEqual(['ready', 'main finally', 'worker finally']);
    expect(code).toBe(143);
  }, 40_000);

  it('prints an uncaught failure with its task chain and exits 1', async () => {
    const { code, stdout, stderr } = await runProgram('fail');
    expect(stdout.trim().split('\n')).toEqual(['ready', 'worker finally', 'main finally']);
    expect(stderr).toContain('Error: worker broke');
    expect(stderr).toContain('in task "worker" ← spawned by "main"');
    expect(code).toBe(1);
  }, 40_000);
});
