import { createRequire } from 'node:module';
import { demos } from './registry.js';
import { runDemo, tourEnv } from './run-demo.js';
import { headingLine, inTourOrder } from './tour-order.js';

const require = createRequire(import.meta.url);
const packages = ['@coro/core', '@coro/greenlet', '@coro/gevent', '@coro/compare', '@coro/bullmq'];

console.log('coro — a tour of the coroutine tutorial, listing by listing\n');
for (const name of packages) {
  const pkg = require(`${name}/package.json`) as { version: string; description: string };
  console.log(`  ${`${name}@${pkg.version}`.padEnd(22)} ${pkg.description}`);
}

const failed: string[] = [];
for (const demo of inTourOrder(demos)) {
  console.log(`\n${headingLine(demo)}`);
  if (runDemo(demo, tourEnv()) !== 0) failed.push(demo.name);
}
if (failed.length > 0) console.error(`\nthese demos failed: ${failed.join(', ')}`);
process.exitCode = failed.length === 0 ? 0 : 1;
