import { createRequire } from 'node:module';
import { demos } from './registry.js';
import { runDemo } from './run-demo.js';

const require = createRequire(import.meta.url);
const packages = ['@coro/core', '@coro/greenlet', '@coro/gevent', '@coro/compare'];

console.log('coro — a tour of the coroutine tutorial, listing by listing\n');
for (const name of packages) {
  const pkg = require(`${name}/package.json`) as { version: string; description: string };
  console.log(`  ${name}@${pkg.version}  ${pkg.description}`);
}

let failures = 0;
for (const demo of demos) {
  console.log(`\n── ${demo.heading} (npm run demo -- ${demo.name}) ──`);
  if (runDemo(demo) !== 0) failures++;
}
process.exitCode = failures === 0 ? 0 : 1;
