/**
 * Install `inspect` as the class's Node `util.inspect` hook: `[Symbol.for('nodejs.util.inspect.custom')]` on
 * its prototype, with a method's property flags. Call it from a static field initializer marked
 * `/* @__PURE__ *\/`: written as a computed method instead, the `Symbol.for(…)` key is a call a bundler cannot
 * prove harmless, so it keeps the class — and all it uses — in every bundle of the file, even one that only
 * imports `version`. A static field whose initializer is a pure call goes with the class. @internal
 */
export function inspectWith<C extends abstract new (...args: any) => object>(target: C, inspect: (this: InstanceType<C>) => string): true {
  Object.defineProperty(target.prototype, Symbol.for('nodejs.util.inspect.custom'), { value: inspect, writable: true, configurable: true });
  return true;
}
