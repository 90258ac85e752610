import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDemo } from '../registry.js';
import { captureDemo, tourEnv } from '../run-demo.js';
import { processesNaming } from '../test-processes.js';
import { findRedisServer, howToEnable } from './local-redis.js';
import { busyNote, parseSpeedUpLine, speedUpLine } from './speed-up.js';

const demo = findDemo('distributed');
const emptyDir = mkdtempSync(join(tmpdir(), 'coro-demo-no-redis-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

/** This environment without any Redis: no REDIS_URL, and a PATH (one empty folder) where no redis-server is found. */
function withoutRedis(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyDir };
  delete env.REDIS_URL;
  return env;
}

describe('the speed-up line', () => {
  it('prints a possible ratio with two decimals and the CPU count', () => {
    expect(speedUpLine(2, 1.934, 2)).toBe('2 workers: 1.93× one worker (2 CPUs)');
    expect(parseSpeedUpLine('2 workers: 1.93× one worker (2 CPUs)')).toEqual({ workers: 2, ratio: 1.93, impossible: false });
  });

  it('flags a ratio above what the CPUs (or the workers) allow as impossible instead of showing it as a result', () => {
    const line = speedUpLine(2, 2.31, 2);
    expect(line).toMatch(/^2 workers: 2\.31× one worker \(impossible: 2 workers on 2 CPUs can be at most 2× faster; /);
    expect(parseSpeedUpLine(line)).toEqual({ workers: 2, ratio: 2.31, impossible: true });
    expect(parseSpeedUpLine(speedUpLine(2, 1.5, 1))?.impossible).toBe(true); // one CPU: no speed-up at all
    expect(parseSpeedUpLine(speedUpLine(2, 2.5, 8))?.impossible).toBe(true); // two workers: at most 2×, however many CPUs
  });

  it('flags a ratio that is not a positive number', () => {
    expect(parseSpeedUpLine(speedUpLine(2, 0, 2))?.impossible).toBe(true);
    expect(parseSpeedUpLine(speedUpLine(2, Number.NaN, 2))?.impossible).toBe(true);
  });
});

describe('the busy-machine note', () => {
  it('appears only when the load before the demo exceeds half the CPUs', () => {
    expect(busyNote(0.4, 2)).toBeUndefined();
    expect(busyNote(0, 2)).toBeUndefined(); // also what Windows reports
    expect(busyNote(6.66, 2)).toMatch(/^\(the machine was busy before the demo started — load average 6\.66 on 2 CPUs — /);
  });
});

describe('finding redis-server', () => {
  it('finds nothing on a PATH without it, and nothing on an empty PATH', () => {
    expect(findRedisServer(emptyDir)).toBeUndefined();
    expect(findRedisServer('')).toBeUndefined();
    expect(findRedisServer(undefined)).toBe(findRedisServer(process.env.PATH));
  });

  it('finds an executable redis-server in the first PATH folder holding one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coro-demo-fake-redis-'));
    try {
      writeFileSync(join(dir, 'redis-server'), '#!/bin/sh\n');
      expect(findRedisServer([emptyDir, dir].join(':'))).toBeUndefined(); // not executable: not a command
      chmodSync(join(dir, 'redis-server'), 0o755);
      expect(findRedisServer([emptyDir, dir].join(':'))).toBe(join(dir, 'redis-server'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run demo -- distributed without Redis', () => {
  it('in the tour, prints the one line saying how to enable it and exits 0', async () => {
    const output = await captureDemo(demo, 15_000, tourEnv(withoutRedis()));
    expect(output.stderr).toBe('');
    expect(output.stdout).toBe(`${howToEnable}\n`);
    expect(output.status).toBe(0);
  });

  it('asked for by name, says the same on stderr and exits 1', async () => {
    const output = await captureDemo(demo, 15_000, withoutRedis());
    expect(output.stdout).toBe('');
    expect(output.stderr).toBe(`${howToEnable}\n`);
    expect(output.status).toBe(1);
  });
});

const haveRedis = Boolean(process.env.REDIS_URL) || findRedisServer() !== undefined;

// Skipped only on a developer's machine without Redis (the demo then says how to enable it, tested
// above). In CI it always runs: .ci/run installs redis-server, and a missing one must fail here.
describe.skipIf(!haveRedis && !process.env.CI)('npm run demo -- distributed with redis-server installed', () => {
  it('times the jobs on one coro-worker, then two, prints the measured speed-up, and leaves nothing running', async () => {
    // Seconds on an idle machine (5–11 s here); CI runs every package's tests at once on 2 CPUs, where one run took
    // over 25 s. The bound is for a hang, not for speed.
    const output = await captureDemo(demo, 90_000);
    // What the demo printed, so that a failure (a hang killed at the bound) says how far it got.
    const printed = `demo output:\n${output.stdout}${output.stderr}`;
    expect(output.stderr, printed).toBe('');
    expect(output.status, printed).toBe(0);
    const lines = output.stdout.split('\n');
    const rates = lines.filter((line) => /^[12] coro-workers? *: 16 jobs in \d+\.\d\d s, \d+\.\d jobs\/s$/.test(line));
    expect(rates.map((line) => line.slice(0, 2))).toEqual(['1 ', '2 ']);
    expect(lines).toContain('(each job found 63951 primes)');
    const speedUps = lines.flatMap((line) => parseSpeedUpLine(line) ?? []);
    expect(speedUps).toHaveLength(1);
    const { workers, ratio, impossible } = speedUps[0]!;
    expect(workers).toBe(2);
    expect(ratio).toBeGreaterThan(0);
    if (!impossible) expect(ratio).toBeLessThanOrEqual(Math.min(2, availableParallelism()));
    // Workers and our redis-server are gone once the demo has exited.
    const queue = /queue '(coro-demo-distributed-\d+)'/.exec(output.stdout)?.[1];
    expect(queue).toBeDefined();
    expect(processesNaming(queue!)).toEqual([]);
    const redisPort = /redis:\/\/127\.0\.0\.1:(\d+) \(in/.exec(output.stdout)?.[1];
    if (redisPort) expect(processesNaming(`redis-server 127.0.0.1:${redisPort}`)).toEqual([]);
  }, 100_000);
});
