// gevent's GreenletExit is greenlet's: one class, so `isExit()` and `instanceof` agree across packages.
export { GreenletExit } from '@coro/greenlet';
