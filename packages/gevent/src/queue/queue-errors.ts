/**
 * `get` on an empty queue without blocking, or after its timeout (Python's `queue.Empty`).
 *
 * @example
 * ```ts
 * try { q.getNowait(); } catch (e) { if (e instanceof Empty) console.log('nothing yet'); }
 * ```
 */
export class Empty extends Error {
  /** Always `"Empty"`. */
  override readonly name: string = 'Empty';
}

/**
 * `put` on a full queue without blocking, or after its timeout (Python's `queue.Full`).
 *
 * @example
 * ```ts
 * try { q.putNowait(1); } catch (e) { if (e instanceof Full) console.log('no room'); }
 * ```
 */
export class Full extends Error {
  /** Always `"Full"`. */
  override readonly name: string = 'Full';
}

/**
 * The queue was shut down: no more `put`, and `get` once it is empty.
 *
 * @example
 * ```ts
 * q.shutdown();
 * try { q.putNowait(1); } catch (e) { console.log(e instanceof ShutDown); } // true
 * ```
 */
export class ShutDown extends Error {
  /** Always `"ShutDown"`. */
  override readonly name: string = 'ShutDown';
}

/**
 * The item that ends iteration over a queue (Python iterates until it gets `StopIteration`).
 *
 * @example
 * ```ts
 * q.putNowait(StopIteration); // consumers iterating q stop here
 * ```
 */
export const StopIteration: unique symbol = Symbol('StopIteration');
