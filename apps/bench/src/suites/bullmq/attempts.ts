// Other workspaces rebuild the packages' dist folders while a suite runs (see compare.ts), and a
// child or coro-worker that starts in that moment cannot load @coro/bullmq: such a measurement is
// tried again, up to three times, before its row says it failed.

const ATTEMPTS = 3;
const PAUSE_MS = 10_000;

/** `measure()`, tried up to three times 10 s apart; the last failure is returned, not thrown, for a `failed:` row. */
export async function attempts<T>(measure: () => Promise<T>): Promise<T | Error> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measure();
    } catch (error) {
      if (attempt === ATTEMPTS) return error instanceof Error ? error : new Error(String(error));
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
}
