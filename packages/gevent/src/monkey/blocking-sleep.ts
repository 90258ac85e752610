// One cell that nobody ever notifies: Atomics.wait on it simply blocks the thread for `ms`.
const cell = /* @__PURE__ */ new Int32Array(/* @__PURE__ */ new SharedArrayBuffer(4));

/** Block the whole thread for `ms` milliseconds, exactly as Python's unpatched `time.sleep` does. */
export function blockingSleep(ms: number): void {
  if (ms > 0) Atomics.wait(cell, 0, 0, ms);
}
