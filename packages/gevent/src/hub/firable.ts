/**
 * Anything the hub can run from its callback queue or its timer heap. `tag` is an integer the
 * scheduler chose (a greenlet's wake epoch, or a marker), passed back untouched so that queueing
 * a greenlet wake-up allocates nothing.
 *
 * @example
 * ```ts
 * const ping: Firable = { fire: (tag) => console.log('fired', tag) };
 * ```
 */
export interface Firable {
  /** Run, with the tag it was queued with. */
  fire(tag: number): void;
}
