import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findDemo } from './registry.js';
import { captureDemo } from './run-demo.js';

const run = promisify(execFile);

/** The seed's generator listing, verbatim. */
const SEED_LISTING = `
import time


def work1():
    for i in range(10):
        print("Work1---{}".format(i))
        time.sleep(0.1)
        yield


def work2():
    for i in range(10):
        print("Work2---{}".format(i))
        time.sleep(0.1)
        yield


def generate_work():
    g1 = work1()
    g2 = work2()
    while True:
        try:
            next(g1)
            next(g2)
        except StopIteration:
            break


if __name__ == "__main__":
    # work1()
    # work2()

    generate_work()
`;

/** What the seed prints: Work1---0, Work2---0, Work1---1, … 20 lines. */
const EXPECTED = Array.from({ length: 10 }, (_, i) => [`Work1---${i}`, `Work2---${i}`]).flat();

async function pythonOutput(): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('/usr/bin/python3', ['-c', SEED_LISTING]);
    return stdout.trimEnd().split('\n');
  } catch {
    return undefined; // no python3 here: compare with the recorded output
  }
}

describe('demo: generators', () => {
  it('prints what the seed listing prints under Python: 20 alternating lines, 0.1 s apart', async () => {
    const started = Date.now();
    const [demo, python] = await Promise.all([captureDemo(findDemo('generators'), 30_000), pythonOutput()]);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const lines = demo.stdout.trimEnd().split('\n');
    expect(lines).toEqual(python ?? EXPECTED);
    expect(lines).toEqual(EXPECTED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // twenty blocking 0.1 s sleeps
  });
});
