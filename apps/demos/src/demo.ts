import { demos, findDemo } from './registry.js';
import { runDemo } from './run-demo.js';
import { inTourOrder } from './tour-order.js';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run demo -- <name>');
  for (const demo of inTourOrder(demos)) console.error(`  ${demo.name.padEnd(14)} ${demo.heading}`);
  process.exit(2);
}
try {
  process.exitCode = runDemo(findDemo(name));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
