// Prints expected.json: the digests of programs 0..COUNT-1 run under Python's greenlet (run.py).
// `node --import tsx test/differential/record.ts [python] > test/differential/expected.json`
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { program } from './programs.js';

const COUNT = 500;
const python = process.argv[2] ?? '/usr/bin/python3';
const programs = Array.from({ length: COUNT }, (_, seed) => program(seed));
const script = fileURLToPath(new URL('run.py', import.meta.url));
const version = execFileSync(python, ['-c', 'import greenlet; print(greenlet.__version__)'], { encoding: 'utf8' }).trim();
const digests = JSON.parse(execFileSync(python, [script], { input: JSON.stringify(programs), encoding: 'utf8' })) as string[];
console.log(JSON.stringify({ greenlet: version, count: COUNT, digests }, null, 0));
