import { findDemo } from './registry.js';
import { runDemo } from './run-demo.js';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run demo -- <name>');
  process.exit(2);
}
try {
  process.exitCode = runDemo(findDemo(name));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
