import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findDemo } from '../registry.js';
import { captureDemo } from '../run-demo.js';

const run = promisify(execFile);

/** The seed's greenlet listing, verbatim. */
const SEED_LISTING = `
from greenlet import greenlet
import time


def test1():
    for i in range(10):
        print(i)
        print("切换到g2")
        # 协程之间切换
        g2.switch()
        time.sleep(0.1)


def test2():
    for i in range(10, 20):
        print(i)
        print("切换到g1")
        g1.switch()
        time.sleep(0.1)


# 创建一个协程
g1 = greenlet(test1)
g2 = greenlet(test2)

g1.switch()
`;

/** What the seed prints (checked against python3-greenlet 2.0.2 when it is installed). */
const EXPECTED = Array.from({ length: 10 }, (_, i) => [String(i), '切换到g2', String(i + 10), '切换到g1']).flat();

async function pythonOutput(): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('/usr/bin/python3', ['-c', SEED_LISTING], { env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    return stdout.trimEnd().split('\n');
  } catch {
    return undefined; // python3 or its greenlet module is not installed: compare with the recorded output
  }
}

describe('demo: greenlet', () => {
  it('prints what the seed listing prints under Python, and ends when test1 returns to main', async () => {
    const [demo, python] = await Promise.all([captureDemo(findDemo('greenlet'), 30_000), pythonOutput()]);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const lines = demo.stdout.trimEnd().split('\n');
    expect(lines).toEqual(python ?? EXPECTED);
    expect(lines).toEqual(EXPECTED);
  });
});
