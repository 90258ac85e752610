/**
 * What a class needs set up when it is defined, done from a static field initializer marked
 * `/* @__PURE__ *\/` (core's inspect-hook.ts does the same). Written the plain way — a computed
 * `[Symbol.for(…)]()` method, a statement after the class — it is work at import a bundler cannot
 * prove harmless, so it keeps the class, and all it uses, in every bundle of gevent, even one that
 * only imports `version`. A static field whose initializer is a pure call goes with the class.
 */

/** Install `inspect` as the class's Node `util.inspect` hook, with a method's property flags. @internal */
export function inspectWith<C extends abstract new (...args: any) => object>(target: C, inspect: (this: InstanceType<C>) => string): true {
  Object.defineProperty(target.prototype, Symbol.for('nodejs.util.inspect.custom'), { value: inspect, writable: true, configurable: true });
  return true;
}

/**
 * Give the class the name it prints by (`<RawGreenlet "…">`) when that name is taken by another
 * class of the bundle, which the bundler would rename it away from. @internal
 */
export function nameClass(target: abstract new (...args: any) => object, name: string): true {
  Object.defineProperty(target, 'name', { value: name });
  return true;
}
