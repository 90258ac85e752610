/**
 * Anything the hub can run from its callback queue or its timer heap. `tag` is an integer the
 * scheduler chose (a greenlet's wake epoch, or a marker), passed back untouched so that queueing
 * a greenlet wake-up allocates nothing.
 */
export interface Firable {
  fire(tag: number): void;
}
