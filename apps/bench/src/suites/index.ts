import type { Suite } from '../measurement.js';

/** Every suite `npm run bench` knows, by name. Package issues add theirs here. */
export const suites: Record<string, () => Promise<Suite>> = {
  bullmq: () => import('./bullmq.js').then((m) => m.bullmqSuite()),
  compare: () => import('./compare.js').then((m) => m.compareSuite()),
  core: () => import('./core.js').then((m) => m.coreSuite()),
  gevent: () => import('./gevent.js').then((m) => m.geventSuite()),
  greenlet: () => import('./greenlet.js').then((m) => m.greenletSuite()),
};
