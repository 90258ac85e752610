import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

/**
 * Run a Python script with Debian's python3 and parse the last line it prints as JSON. Returns
 * `{ skipped }` with a reason when python3 or one of `modules` is not installed, so a suite can
 * print the reason instead of a number it did not measure.
 */
export async function inPython<T>(script: string, modules: string[]): Promise<T | { skipped: string }> {
  try {
    await run(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass']);
  } catch {
    return { skipped: `skipped: ${PYTHON} with ${modules.join(', ')} not installed (apt-get install ${modules.map((m) => `python3-${m}`).join(' ')})` };
  }
  const { stdout } = await run(PYTHON, ['-c', script], { maxBuffer: 16 * 1024 * 1024 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
