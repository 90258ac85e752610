/**
 * Whether `promise` settled within `ms` (its failure counts as settled): how shutdown code waits for
 * Redis or for tasks that may never answer, so that closing never hangs.
 */
export async function bounded(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
