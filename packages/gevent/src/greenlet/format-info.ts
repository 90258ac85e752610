// What gevent's Greenlet repr shows after "at 0x…: " (its _formatinfo): the function's name and,
// while the greenlet has not started, its arguments, each shown as Python's repr(x)[:50].

/** A value as Python's repr would show it, cut to 50 characters like gevent's. */
function shortRepr(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (typeof value === 'function') text = `<function ${value.name || '<anonymous>'}>`;
  else if (Array.isArray(value)) text = `[${value.map(shortRepr).join(', ')}]`;
  else if (typeof value === 'object' && value !== null && value.toString === Object.prototype.toString) {
    text = `<${(value as { constructor?: { name?: string } }).constructor?.name || 'Object'} object>`;
  } else text = String(value);
  return text.slice(0, 50);
}

/** @internal gevent's `_formatinfo`: `name` then `(args)` when there are any. */
export function formatInfo(name: string, args: readonly unknown[]): string {
  return args.length === 0 ? name : `${name}(${args.map(shortRepr).join(', ')})`;
}

/**
 * @internal the name gevent shows for the function a greenlet runs, from what the greenlet holds:
 * the function, or its name once started, or nothing once dead (gevent then shows its class's
 * `_run`; this port's name for that is `run`).
 */
export function runName(fn: ((...args: any[]) => unknown) | string | null): string {
  if (fn === null) return 'run';
  return (typeof fn === 'string' ? fn : fn.name) || '<anonymous>';
}
