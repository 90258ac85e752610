// Bare BullMQ's side of the suite's Redis plumbing: connection options from a URL, and removing a
// queue's keys once a case is done with it, so rounds never find each other's jobs or events.
import { randomUUID } from 'node:crypto';
import { Queue, type ConnectionOptions } from 'bullmq';

/**
 * ioredis options for BullMQ from a redis:// URL: what `@coro/bullmq` builds for itself, so both
 * sides talk to Redis the same way (`maxRetriesPerRequest: null`, which BullMQ's Worker requires).
 */
export function connectionOf(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** A queue name no earlier round or run used (BullMQ forbids ':' in it). */
export function freshQueue(label: string): string {
  return `coro-bench-${label}-${randomUUID()}`;
}

/** Delete every key of queue `name` (jobs, events stream, counters). */
export async function obliterate(url: string, name: string): Promise<void> {
  const queue = new Queue(name, { connection: connectionOf(url) });
  queue.on('error', () => {});
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
