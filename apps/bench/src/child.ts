import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('./child-entry.ts', import.meta.url));

/** How to start the child: extra Node flags, and a CPU list for `taskset -c` (e.g. "0" or "0,1"). */
export interface ChildOptions {
  execArgv?: string[];
  cpus?: string;
}

/**
 * Run `exportName` of `module` in a fresh Node process (its own heap and JIT, so memory and
 * warm-up of one implementation cannot colour another's figures) and return what it returned.
 * The child always has `--expose-gc`, so a measurement can force a collection.
 */
export async function inChild<T>(module: URL, exportName: string, args: unknown[] = [], options: ChildOptions = {}): Promise<T> {
  const nodeArgs = ['--expose-gc', '--import', 'tsx', ...(options.execArgv ?? []), entry, module.href, exportName, JSON.stringify(args)];
  const [cmd, cmdArgs] = options.cpus ? ['taskset', ['-c', options.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const { stdout } = await run(cmd, cmdArgs, { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split('\n').findLast((l) => l.startsWith('@@result '));
  if (!line) throw new Error(`child ${module.href}#${exportName} printed no result:\n${stdout}`);
  return JSON.parse(line.slice('@@result '.length)) as T;
}
