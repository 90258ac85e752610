import type { OperationBinding } from './owner.js';

/**
 * Race an operation that cannot really be cancelled (a `dns.lookup` or an `fs` call already
 * running in libuv's thread pool) against its binding: on abort the caller is released at once
 * with the abort reason, and `cleanup` receives what the operation produced later (an open
 * FileHandle to close, say).
 */
export function detached<T>(binding: OperationBinding, operation: Promise<T>, cleanup?: (late: T) => void): Promise<T> {
  if (binding.signal.aborted) {
    void operation.then(cleanup, () => undefined);
    binding.settle();
    return Promise.reject(binding.signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      binding.settle();
      void operation.then(cleanup, () => undefined);
      reject(binding.signal.reason as Error);
    };
    binding.signal.addEventListener('abort', onAbort, { once: true });
    operation.then(
      (value) => {
        binding.signal.removeEventListener('abort', onAbort);
        binding.settle();
        resolve(value);
      },
      (error: Error) => {
        binding.signal.removeEventListener('abort', onAbort);
        binding.settle();
        reject(error);
      },
    );
  });
}
