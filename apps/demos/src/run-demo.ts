import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Demo } from './registry.js';

/**
 * Run one demo in a child process of its own, so that what one demo patches (monkey patching!)
 * cannot leak into the next. Output goes straight to this terminal. Returns the exit code.
 */
export function runDemo(demo: Demo): number {
  const file = fileURLToPath(new URL(`./demos/${demo.file}`, import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  return child.status ?? 1;
}
