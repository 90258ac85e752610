// Differential test against Python's greenlet: 500 random programs (test/differential/programs.ts)
// of switches, throws, returns, raises and re-parentings among up to six greenlets, run here and
// under greenlet 2.0.2 (test/differential/run.py). Each program's full log — trace events, values
// received, errors caught, start arguments, final states — must be the same; expected.json keeps
// the digests of Python's logs. Where a python3 with greenlet is at hand, 1000 more programs are
// compared live.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digest, runProgram } from '../test/differential/interpreter.js';
import { program } from '../test/differential/programs.js';

const here = (path: string) => fileURLToPath(new URL(`../test/differential/${path}`, import.meta.url));
const expected = JSON.parse(readFileSync(here('expected.json'), 'utf8')) as { greenlet: string; count: number; digests: string[] };

function pythonGreenlet(): string | undefined {
  const python = process.env.CORO_PYTHON ?? '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', 'import greenlet'], { stdio: 'ignore' });
    return python;
  } catch {
    return undefined;
  }
}
const python = pythonGreenlet();

describe(`random programs behave as under greenlet ${expected.greenlet}`, () => {
  it(`gives the same log for each of the ${expected.count} recorded programs`, () => {
    const mismatches: number[] = [];
    for (let seed = 0; seed < expected.count; seed++) {
      if (digest(runProgram(program(seed))) !== expected.digests[seed]) mismatches.push(seed);
    }
    expect(mismatches).toEqual([]);
  });

  it.skipIf(python === undefined)('gives the same log as the installed greenlet for 1000 more programs', () => {
    const programs = Array.from({ length: 1000 }, (_, i) => program(expected.count + i));
    const theirs = JSON.parse(execFileSync(python!, [here('run.py')], { input: JSON.stringify(programs), encoding: 'utf8' })) as string[];
    const mismatches = programs.flatMap((p, i) => (digest(runProgram(p)) === theirs[i] ? [] : [expected.count + i]));
    expect(mismatches).toEqual([]);
  });
});
